package io.handoff.coordinator.run;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A validated description of one run: every number here is within its accepted range.
 *
 * @param items     items in total, shared among the producers as evenly as possible
 * @param bootstrap an existing Kafka cluster to use; empty to start the embedded broker
 * @param malformed bad records to inject into {@code items} during the run
 * @param lockMode  how consumers' ledgers guard transfers
 * @param threads   what consumers' workers are made of
 * @param work      what each item asks of its consumer before the transfer
 * @param hotAccounts accounts that receive half of all transfers, to make locks contended
 * @param flow      rates, delays and the credit window: how items flow
 * @param ending    when producers stop: after {@code items}, or on a stop sent after a while
 * @param drill     consumer kills to survive
 */
public record RunPlan(int producers, int consumers, long items, int partitions, int payloadBytes,
        Optional<String> bootstrap, Optional<Path> report, int malformed, int workers, int generators, int accounts,
        LockMode lockMode, ThreadKind threads, Work work, int hotAccounts, Flow flow, Ending ending, Drill drill,
        Duration timeout, boolean quiet) {

    /** The one rule every way to plan a run must keep; each front end also says it in its own words. */
    public RunPlan {
        if (items > 0 && items < producers) {
            throw new IllegalArgumentException("items (" + items + ") must be at least the number of producers ("
                    + producers + "): every producer sends at least one item");
        }
    }

    /**
     * How items flow.
     *
     * @param ratePerSecond    each producer's rate limit (0 = none)
     * @param consumerDelayMs  extra time each consumer spends per item (the slow-consumer scenario)
     * @param creditWindow     items a producer may have sent and not yet processed (0 = no window)
     * @param workerCrashEvery kill a worker thread on every Nth record, to show it replaced (0 = never)
     * @param measureHeap      producers collect garbage before each heartbeat, so their heap figure is live data
     */
    public record Flow(int ratePerSecond, int consumerDelayMs, long creditWindow, long workerCrashEvery,
            boolean measureHeap) {
        public static final Flow FREE = new Flow(0, 0, 0, 0, false);
    }

    /** @param stopAfter send stop this long after start; empty: producers stop after their items */
    public record Ending(Optional<Duration> stopAfter) {
        public static final Ending BY_ITEMS = new Ending(Optional.empty());
    }

    /**
     * Consumer kills.
     *
     * @param kills      how many (0 = none)
     * @param firstAfter the first kill this long after start; later ones as long after the previous recovery
     * @param viaControl kill by a crash command on the control topic (compose, Kubernetes) instead of SIGKILL
     * @param restart    start a new process for the killed consumer at once
     */
    public record Drill(int kills, Duration firstAfter, boolean viaControl, boolean restart) {
        public static final Drill NONE = new Drill(0, Duration.ZERO, false, false);
    }

    /** The same run on another cluster with other counts of producers and consumers (and items in total). */
    /**
     * This plan with the stop sent {@code after} the start instead; the timeout grows with it, so that a
     * longer run still has two minutes for its drain and verification.
     */
    public RunPlan withStopAfter(Duration after) {
        Duration longest = after.plusMinutes(2);
        return new RunPlan(producers, consumers, items, partitions, payloadBytes, bootstrap, report, malformed,
                workers, generators, accounts, lockMode, threads, work, hotAccounts, flow,
                new Ending(Optional.of(after)), drill, timeout.compareTo(longest) >= 0 ? timeout : longest, quiet);
    }

    public RunPlan withServices(String bootstrap, int producers, int consumers, long items) {
        return new RunPlan(producers, consumers, items, partitions, payloadBytes, Optional.of(bootstrap), report,
                malformed, workers, generators, accounts, lockMode, threads, work, hotAccounts, flow, ending, drill,
                timeout, quiet);
    }

    /** Whether producers run until told to stop rather than to an item count. */
    public boolean unbounded() {
        return items == 0;
    }

    /** Items that producer {@code index} sends: an even share, the first ones taking one more of the remainder. */
    public long itemsFor(int index) {
        return items / producers + (index < items % producers ? 1 : 0);
    }
}
