package io.handoff.coordinator.scenario;

/**
 * What a group may do twice when a fault moves its partitions, measured as the fault strikes: the results past the
 * group's commits ({@code uncommitted}, -1 if the commits could not be read), what the consumers reported in hand
 * past them, and what was processed in the second before (after their latest heartbeats). The broker's kill and
 * its stall bound their duplicates by it.
 */
public record RedoWindow(long uncommitted, long inHand, long lastSecond) {

    /** Measured now, while the broker still answers. */
    public static RedoWindow measure(FaultScene scene) {
        return new RedoWindow(scene.uncommitted(), Math.max(0, scene.reportedUncommitted()),
                scene.processedInLastSecond());
    }

    /** Whether the commits could be read when it was measured. */
    public boolean known() {
        return uncommitted >= 0;
    }

    /**
     * The window, with the results past the commits at recovery ({@code uncommittedAfter}) counted when they are
     * more; -1 if the commits could not be read at the strike.
     */
    public long upTo(long uncommittedAfter) {
        return known() ? Math.max(uncommitted, uncommittedAfter) + inHand + lastSecond : -1;
    }
}
