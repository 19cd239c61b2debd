package io.handoff.shared.message.control;

import java.util.Objects;

/**
 * For an agent: stop the process it launched under {@code launchId}, as the embedded coordinator stops a
 * child: SIGTERM, then SIGKILL after {@code graceMs}. Sent at the end of a run to any process still running.
 */
public record Terminate(String runId, String target, long atMs, String launchId, long graceMs)
        implements ControlCommand {

    public Terminate {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(launchId, "launchId");
        if (graceMs < 0) {
            throw new IllegalArgumentException("graceMs must be >= 0, got " + graceMs);
        }
    }
}
