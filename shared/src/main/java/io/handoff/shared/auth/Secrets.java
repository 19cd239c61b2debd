package io.handoff.shared.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * How Handoff's secrets are given: as text in one variable, or as a file named by another (a mounted Kubernetes
 * Secret, compose's keys volume); the text wins when both are set. Each must be long enough to guess at no better
 * than chance, and none is ever printed in an error.
 */
public final class Secrets {

    /** Characters a secret must have at least: 32 hex digits are 128 bits. */
    public static final int MIN_LENGTH = 32;

    private Secrets() {
    }

    /** The secret this environment gives, stripped of surrounding white space (a file's line end). */
    public static Optional<String> fromEnvironment(Map<String, String> env, String textVariable, String fileVariable) {
        String given = env.get(textVariable);
        if (given != null && !given.isBlank()) {
            return Optional.of(checked(given, textVariable));
        }
        String file = env.get(fileVariable);
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(checked(Files.readString(Path.of(file), StandardCharsets.UTF_8), fileVariable + "=" + file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + fileVariable + "=" + file + ": " + e);
        }
    }

    /** The text, stripped, if it is long enough; {@code source} says where it came from in the error. */
    public static String checked(String text, String source) {
        String secret = text.strip();
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(source + " has " + secret.length() + " characters, fewer than "
                    + MIN_LENGTH + " (e.g. the output of 'openssl rand -hex 32')");
        }
        return secret;
    }

    /** 256 random bits as 64 hex digits. */
    public static String generate() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
