package io.handoff.shared.auth;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The secret that the coordinator signs its commands on {@code control} with, and that every agent and service
 * checks them with. Never written to a topic, a report or a log: {@link #toString} says only that it is a key.
 */
public final class ControlKey {

    /** The key itself, as text (a Kubernetes Secret or compose's generated file gives it this way). */
    public static final String ENV = "HANDOFF_CONTROL_KEY";
    /** A file that holds the key, for secrets mounted as files; {@link #ENV} wins when both are set. */
    public static final String FILE_ENV = "HANDOFF_CONTROL_KEY_FILE";
    /** Shorter keys are refused. */
    public static final int MIN_LENGTH = Secrets.MIN_LENGTH;
    /** What to say when a key is missing or too short. */
    public static final String HOW = "set " + ENV + " (at least " + MIN_LENGTH + " characters, e.g. the output of "
            + "'openssl rand -hex 32') or " + FILE_ENV + " (a file that holds it); the coordinator, its agents and their "
            + "services must share it";

    private final String text;

    private ControlKey(String text) {
        this.text = text;
    }

    /** A key given as text; surrounding white space (a file's line end) is not part of it. */
    public static ControlKey of(String text) {
        try {
            return new ControlKey(Secrets.checked(text, "the control key"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + HOW);
        }
    }

    /** A fresh random key, for a coordinator that starts its services itself. */
    public static ControlKey generate() {
        return new ControlKey(Secrets.generate());
    }

    /** The key that this environment configures, if any; a key that is set but unusable is an error. */
    public static Optional<ControlKey> fromEnvironment(Map<String, String> env) {
        return Secrets.fromEnvironment(env, ENV, FILE_ENV).map(ControlKey::new);
    }

    /**
     * The configured key, else a fresh one: a coordinator that starts its services itself shares the key with
     * no one but them.
     */
    public static ControlKey forLocalRun() {
        return fromEnvironment(System.getenv()).orElseGet(ControlKey::generate);
    }

    /** The key as text, for the environment of a child process: the one place it leaves this JVM. */
    public String text() {
        return text;
    }

    byte[] secret() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ControlKey[" + text.length() + " characters, not shown]";
    }
}
