package io.handoff.shared.message.control;

import java.util.Objects;

/** Producers: send at most {@code perSecond} items a second each (0 = as fast as they can). */
public record Rate(String runId, String target, long atMs, int perSecond) implements ControlCommand {

    public Rate {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must be >= 0, got " + perSecond);
        }
    }
}
