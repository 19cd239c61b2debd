package io.handoff.shared.message.control;

import java.util.Objects;

/**
 * Halt at once, as {@code kill -9} would: no shutdown hooks, no commits, no goodbye. For compose and
 * Kubernetes, where the coordinator cannot signal another container's process. Applies only to a process
 * that was running when it was sent, so a restarted instance reading old commands does not halt again.
 */
public record Crash(String runId, String target, long atMs) implements ControlCommand {

    public Crash {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
    }
}
