package io.handoff.shared.message;

import java.util.List;

/**
 * What a service's threads and locks are doing, sampled once a second for the live page's concurrency view. The
 * counters are totals since the process started (the coordinator turns them into counts per window, so that a
 * 5 ms wait between two samples still shows); the thread counts are the moment of the sample.
 *
 * @param atMs           when it was taken: two samples' counters over the time between them make a window
 * @param threads        live threads by role, state and kind
 * @param locks          the consumer's ledger locks; {@link Locks#NONE} for a producer
 * @param audit          the consumer's audit semaphore; {@link Audit#NONE} for a producer
 * @param sampleCpuNanos CPU this sample took on the sampling thread: what observing costs
 */
public record ConcurrencySample(long atMs, List<ThreadCount> threads, Locks locks, Audit audit, long sampleCpuNanos) {

    public ConcurrencySample {
        threads = List.copyOf(threads);
    }

    /**
     * Threads of one role in one state.
     *
     * @param state as VisualVM names them: running, sleeping, waiting (on a monitor's wait), parked (on a
     *              java.util.concurrent lock, condition or future), monitor (blocked entering a synchronized block)
     */
    public record ThreadCount(String role, String state, boolean virtual, int count) {
    }

    /** The ledger's locks: totals of waits and holds (time in nanoseconds), deadlocks broken, tryLock timeouts. */
    public record Locks(String mode, long waits, long waitNanos, long holds, long holdNanos, long deadlocksBroken,
            long tryLockTimeouts) {
        /** A process without a ledger. */
        public static final Locks NONE = new Locks("none", 0, 0, 0, 0, 0, 0);
    }

    /** The audit sink's semaphore: permits, held now, threads queued for one now, and the totals of waits. */
    public record Audit(int permits, int inUse, int waiters, long waits, long waitNanos) {
        /** A process without an audit sink. */
        public static final Audit NONE = new Audit(0, 0, 0, 0, 0);
    }
}
