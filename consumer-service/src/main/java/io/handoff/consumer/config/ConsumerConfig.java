package io.handoff.consumer.config;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.config.ThreadKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How one consumer instance works; every key can be set as an environment variable, e.g. HANDOFF_CONSUMER_WORKERS. */
@ConfigMapping(prefix = "handoff.consumer")
public interface ConsumerConfig {

    /** Worker threads applying transfers; one key always goes to the same worker. */
    @WithDefault("4")
    int workers();

    /** What the workers are: {@code platform} (OS) threads or {@code virtual} threads. */
    @WithDefault("platform")
    ThreadKind threads();

    /**
     * Records taken from Kafka but not yet finished, at most. The next poll is taken only when it fits under
     * this, so the connector's buffer fills and it pauses its partitions: backpressure instead of memory growth.
     */
    @WithDefault("4000")
    int maxInFlight();

    /**
     * How often the watermark of finished work is committed (also at every revocation and at the stop). Shorter
     * means less work done twice after a crash, for one commit round trip each time.
     */
    @WithDefault("500ms")
    Duration commitInterval();

    /** How long a stop waits for work in hand to finish before it reports anyway. */
    @WithDefault("30s")
    Duration drainTimeout();

    /** Whether the process exits after a stop has been reported (a run), or stays up (tests, inspection). */
    @WithDefault("true")
    boolean exitOnStop();

    /** Extra milliseconds spent on every item, as a slow downstream would impose; {@code mode} commands change it. */
    @WithDefault("0")
    int delayMs();

    /** How the ledger guards transfers. */
    Lock lock();

    /** Faults injected on purpose, to show they are survived. */
    Chaos chaos();

    /** Injected faults. */
    interface Chaos {

        /** Kill the worker thread on every Nth record, before it is applied (0 = never). */
        @WithDefault("0")
        long workerCrashEvery();
    }

    /** The scarce downstream every item is recorded in. */
    Audit audit();

    /** Ledger locking. */
    interface Lock {

        /** {@code unsafe}, {@code ordered}, {@code trylock} or {@code naive}. */
        @WithDefault("ordered")
        LockMode mode();

        /**
         * Nanoseconds a transfer takes between reading and writing balances: hold time, and race window. Zero by
         * default, so no core spins per item; the lock scenarios set it (the coordinator gives 2,000 to
         * {@code unsafe}, {@code trylock} and {@code naive}, where the window is the lesson).
         */
        @WithDefault("0")
        long postingNanos();

        /** How long {@code trylock} waits for each lock before letting go and backing off. */
        @WithDefault("10ms")
        Duration tryTimeout();

        /** Whether {@code naive} mode runs the deadlock watchdog; without it, deadlocks stay. */
        @WithDefault("true")
        boolean watchdog();

        /** How often the watchdog looks for deadlock cycles. */
        @WithDefault("50ms")
        Duration watchdogInterval();
    }

    /** The audit sink. */
    interface Audit {

        /** Writes the sink takes at once: the semaphore's permits. */
        @WithDefault("3")
        int permits();

        /** Microseconds one write (a worker's run of items from one poll) keeps the downstream busy. */
        @WithDefault("20")
        long writeMicros();

        /** Whether writes hop to the sink's own writer threads instead of running on the worker. */
        @WithDefault("false")
        boolean async();

        /** With {@code async}: whether writes carry the worker's WorkContext across the hop. */
        @WithDefault("true")
        boolean propagateContext();
    }
}
