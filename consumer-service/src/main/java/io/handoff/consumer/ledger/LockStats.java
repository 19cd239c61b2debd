package io.handoff.consumer.ledger;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/** What the ledger's locks are doing: how long transfers wait and hold, re-entries, timeouts, deadlocks. */
public final class LockStats {

    private final Timer wait;
    private final Timer hold;
    private final Counter reentries;
    private final Counter tryLockTimeouts;
    private final Counter deadlocksBroken;

    public LockStats(MeterRegistry registry, LockMode mode) {
        String tag = mode.label();
        wait = Timer.builder(MetricNames.LOCK_WAIT).tag("mode", tag)
                .description("Time from asking for a transfer's locks to holding both").register(registry);
        hold = Timer.builder(MetricNames.LOCK_HOLD).tag("mode", tag)
                .description("Time a transfer held its locks").register(registry);
        reentries = Counter.builder(MetricNames.LOCK_REENTRIES).tag("mode", tag)
                .description("Acquisitions of an account lock the thread already held").register(registry);
        tryLockTimeouts = Counter.builder(MetricNames.TRYLOCK_TIMEOUTS).tag("mode", tag)
                .description("tryLock attempts that timed out, released and backed off").register(registry);
        deadlocksBroken = Counter.builder(MetricNames.DEADLOCKS_BROKEN).tag("mode", tag)
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

    public long reentries() {
        return (long) reentries.count();
    }

    public long tryLockTimeouts() {
        return (long) tryLockTimeouts.count();
    }

    public long deadlocksBroken() {
        return (long) deadlocksBroken.count();
    }

    public long transfersTimed() {
        return hold.count();
    }
}
