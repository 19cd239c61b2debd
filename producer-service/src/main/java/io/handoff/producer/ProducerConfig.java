package io.handoff.producer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How one producer instance works; every key can be set as an environment variable, e.g. HANDOFF_PRODUCER_ITEMS. */
@ConfigMapping(prefix = "handoff.producer")
public interface ProducerConfig {

    /** Items this producer sends before it reports done; 0 means until it is told to stop. */
    @WithDefault("100000")
    long items();

    /**
     * The first sequence number. A producer started again after a crash continues after the last number its
     * predecessor wrote, so that no number ever names two items.
     */
    @WithDefault("0")
    long firstSeq();

    /** Size of each item's payload filler, in bytes. */
    @WithDefault("100")
    int payloadBytes();

    /** Generator threads creating items concurrently. */
    @WithDefault("2")
    int generators();

    /** Sender threads taking from the queue and sharing one Kafka producer, which is thread-safe. */
    @WithDefault("2")
    int senders();

    /** Work each item asks of its consumer: {@code none}, {@code cpu:ROUNDS} or {@code io:MICROS}. */
    @WithDefault("none")
    String work();

    /** Accounts that receive a large share of transfers, to make locks contended (0 for none). */
    @WithDefault("4")
    int hotAccounts();

    /** Share of transfers, from 0 to 1, that pay into one of the hot accounts. */
    @WithDefault("0.5")
    double hotShare();

    /** Items sent and not yet processed by any consumer, at most: end-to-end backpressure (0 = off). */
    @WithDefault("0")
    long creditWindow();

    /** Items sent per second at most (0 = as fast as possible); {@code rate} commands change it. */
    @WithDefault("0")
    int ratePerSecond();

    /**
     * Whether each heartbeat collects garbage first, so that the heap it reports is the live data alone: a
     * measurement aid for showing memory flat under backpressure, at the cost of a full collection twice a
     * second.
     */
    @WithDefault("false")
    boolean measureLiveHeap();

    /** Capacity of the queue between the generators and the senders; generators block when it is full. */
    @WithDefault("10000")
    int queueCapacity();

    /**
     * Items a generator makes and hands to the senders at once, at most: one queue hand-off, one credit and
     * rate-limit visit per chunk, not per item. Under a rate limit a chunk holds only the items that are due.
     */
    @WithDefault("256")
    int chunkSize();

    /** Items handed to Kafka but not yet acknowledged, at most; the sender waits for acks beyond this. */
    @WithDefault("5000")
    int maxInFlight();

    /**
     * Whether to wait for the coordinator's start command before producing (a coordinated run, where
     * consumers must hold their partitions first), or to begin at once (a standalone service).
     */
    @WithDefault("false")
    boolean awaitStart();

    /** Whether the process exits once it has reported done (a run), or stays up (a long-lived deployment). */
    @WithDefault("true")
    boolean exitWhenDone();
}
