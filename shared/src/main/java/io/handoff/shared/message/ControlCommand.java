package io.handoff.shared.message;

import java.util.Objects;

/**
 * An order from the coordinator on the {@code control} topic.
 *
 * @param target an instance id, or {@link #EVERYONE}
 */
public record ControlCommand(String runId, String target, Command command, long atMs) {

    /** The target that addresses every instance of the run. */
    public static final String EVERYONE = "*";

    /** What the coordinator asks for. */
    public enum Command {
        /** Begin producing: sent once every consumer holds its partitions, so no item waits for a rebalance. */
        START,
        /** Stop taking new work, finish the work in hand, report, and exit. */
        STOP
    }

    public ControlCommand {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(command, "command");
    }

    /** Whether this command is meant for the given instance of the given run. */
    public boolean addresses(String run, String instanceId) {
        return runId.equals(run) && (EVERYONE.equals(target) || target.equals(instanceId));
    }
}
