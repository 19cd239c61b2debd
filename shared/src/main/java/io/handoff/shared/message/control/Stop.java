package io.handoff.shared.message.control;

import java.util.Objects;

/**
 * Stop taking new work: producers stop generating, send what they have, write their sentinels and report;
 * consumers finish every partition up to the sentinels, report and exit. Sent twice, it is the same stop.
 */
public record Stop(String runId, String target, long atMs) implements ControlCommand {

    public Stop {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
    }
}
