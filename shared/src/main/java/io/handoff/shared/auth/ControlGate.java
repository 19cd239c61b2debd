package io.handoff.shared.auth;

import io.handoff.shared.json.Json;
import io.handoff.shared.message.control.ControlCommand;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * What every reader of {@code control} puts a record through before it obeys it. A record that is not a command is
 * refused as unreadable; a command for another run or instance is none of this reader's business and is ignored
 * unchecked (each run has a key of its own, so its commands are not forgeries here, only not ours). A command
 * addressed to this reader must carry a seal that verifies under the shared key and must not be a copy of one
 * obeyed before. Anything else is an {@link Outcome.Refuse} with its reason, never an exception: no record can
 * stop a reader, and nothing unsealed is obeyed.
 */
public final class ControlGate {

    /** What to do with one record. */
    public sealed interface Outcome {
        record Obey(ControlCommand command) implements Outcome {
        }

        /** Meant for another run or instance. */
        record Ignore() implements Outcome {
        }

        record Refuse(Rejection reason, String why) implements Outcome {
        }
    }

    private final ControlKey key;
    private final ReplayGuard replays = new ReplayGuard();

    public ControlGate(ControlKey key) {
        this.key = key;
    }

    /** The outcome for a record whose commands all address this reader. */
    public Outcome check(Headers headers, byte[] value) {
        return check(headers, value, command -> true);
    }

    public Outcome check(Headers headers, byte[] value, Predicate<ControlCommand> addressedHere) {
        Header seal = headers == null ? null : headers.lastHeader(ControlSeal.HEADER);
        return check(seal == null ? null : seal.value(), value, addressedHere);
    }

    public Outcome check(byte[] seal, byte[] value, Predicate<ControlCommand> addressedHere) {
        ControlCommand command;
        try {
            command = Json.read(value, ControlCommand.class);
        } catch (IOException e) {
            return new Outcome.Refuse(Rejection.UNREADABLE, e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        if (!addressedHere.test(command)) {
            return new Outcome.Ignore();
        }
        try {
            replays.admit(ControlSeal.open(key, seal, value));
        } catch (ControlSeal.Refused e) {
            return new Outcome.Refuse(e.reason(), e.getMessage() + ": " + command);
        }
        return new Outcome.Obey(command);
    }
}
