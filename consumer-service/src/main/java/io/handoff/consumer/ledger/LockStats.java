package io.handoff.consumer.ledger;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** What the ledger's locks are doing: how long transfers wait and hold, re-entries, timeouts, deadlocks. */
public final class LockStats {

    private final Timer wait;
    private final Timer hold;
    // Counted here and read by meters, not counted by meters: the report and /ledger need the counts even
    // when every meter is a no-op (HANDOFF_METRICS_ENABLED=false).
    private final LongAdder reentries = new LongAdder();
    private final LongAdder tryLockTimeouts = new LongAdder();
    private final LongAdder deadlocksBroken = new LongAdder();

    public LockStats(MeterRegistry registry, LockMode mode) {
        String tag = mode.label();
        wait = Timer.builder(MetricNames.LOCK_WAIT).tag("mode", tag)
                .description("Time from asking for a transfer's locks to holding both").register(registry);
        hold = Timer.builder(MetricNames.LOCK_HOLD).tag("mode", tag)
                .description("Time a transfer held its locks").register(registry);
        FunctionCounter.builder(MetricNames.LOCK_REENTRIES, reentries, LongAdder::sum).tag("mode", tag)
                .description("Acquisitions of an account lock the thread already held").register(registry);
        FunctionCounter.builder(MetricNames.TRYLOCK_TIMEOUTS, tryLockTimeouts, LongAdder::sum).tag("mode", tag)
                .description("tryLock attempts that timed out, released and backed off").register(registry);
        FunctionCounter.builder(MetricNames.DEADLOCKS_BROKEN, deadlocksBroken, LongAdder::sum).tag("mode", tag)
                .description("Deadlock cycles found by the watchdog and broken by interrupting a victim")
                .register(registry);
    }

    void waited(long nanos) {
        wait.record(nanos, TimeUnit.NANOSECONDS);
    }

    void held(long nanos) {
        hold.record(nanos, TimeUnit.NANOSECONDS);
    }

    void reentered() {
        reentries.increment();
    }

    void tryLockTimedOut() {
        tryLockTimeouts.increment();
    }

    void deadlockBroken() {
        deadlocksBroken.increment();
    }

    /** Transfers that got their locks, and the time they waited for them in all (what the timer has recorded). */
    public long waits() {
        return wait.count();
    }

    public long waitNanos() {
        return (long) wait.totalTime(TimeUnit.NANOSECONDS);
    }

    public long holds() {
        return hold.count();
    }

    public long holdNanos() {
        return (long) hold.totalTime(TimeUnit.NANOSECONDS);
    }

    public long reentries() {
        return reentries.sum();
    }

    public long tryLockTimeouts() {
        return tryLockTimeouts.sum();
    }

    public long deadlocksBroken() {
        return deadlocksBroken.sum();
    }
}
