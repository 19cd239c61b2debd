package io.handoff.coordinator.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A validated description of one run: every number here is within its accepted range.
 *
 * @param items     items in total, shared among the producers as evenly as possible
 * @param bootstrap an existing Kafka cluster to use; empty to start the embedded broker
 * @param malformed bad records to inject into {@code items} during the run
 */
public record RunPlan(int producers, int consumers, long items, int partitions, int payloadBytes,
        Optional<String> bootstrap, Optional<Path> report, int malformed, int workers, int generators, int accounts,
        Duration timeout, boolean quiet) {

    /** Items that producer {@code index} sends: an even share, the first ones taking one more of the remainder. */
    public long itemsFor(int index) {
        return items / producers + (index < items % producers ? 1 : 0);
    }
}
