package io.handoff.shared.message.control;

import java.util.List;
import java.util.Objects;

/**
 * Begin: sent once every consumer holds its partitions. Names the run's producers, whose sentinels a
 * consumer must see on a partition before that partition is finished.
 */
public record Start(String runId, String target, long atMs, List<String> producers) implements ControlCommand {

    public Start {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        producers = List.copyOf(Objects.requireNonNull(producers, "producers"));
    }
}
