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
 */
public record RunPlan(int producers, int consumers, long items, int partitions, int payloadBytes,
        Optional<String> bootstrap, Optional<Path> report, int malformed, int workers, int generators, int accounts,
        LockMode lockMode, ThreadKind threads, Work work, int hotAccounts, Duration timeout, boolean quiet) {

    /** Items that producer {@code index} sends: an even share, the first ones taking one more of the remainder. */
    public long itemsFor(int index) {
        return items / producers + (index < items % producers ? 1 : 0);
    }
}
