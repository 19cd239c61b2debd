package io.handoff.shared.message.control;

import java.util.Objects;

/** Consumers: spend {@code delayMs} extra on every item, as a slow downstream would (0 = no delay). */
public record Mode(String runId, String target, long atMs, int delayMs) implements ControlCommand {

    public Mode {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs must be >= 0, got " + delayMs);
        }
    }
}
