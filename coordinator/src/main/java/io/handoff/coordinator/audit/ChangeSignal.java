package io.handoff.coordinator.audit;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets the coordinator wait for news instead of sleeping: every watcher pulses after it has read
 * something, and a waiter wakes on the next pulse or when its time is up, whichever comes first.
 */
public final class ChangeSignal {

    /** Guards {@link #version}: a waiter compares it before and after waiting to spot a pulse it missed. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long version;

    public void pulse() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns after the next pulse, or after {@code max}. */
    public void awaitChange(Duration max) throws InterruptedException {
        lock.lock();
        try {
            long seen = version;
            long remaining = max.toNanos();
            while (version == seen && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }
}
