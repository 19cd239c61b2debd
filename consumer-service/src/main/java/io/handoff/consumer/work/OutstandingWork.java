package io.handoff.consumer.work;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts records taken but not yet finished, and lets a stop wait until there are none: the
 * "task_done / join" of a joinable queue, for work that crosses threads.
 *
 * <p>The count itself is a lock-free atomic, since every record passes here twice. The lock is taken only
 * to wake a waiter when the count reaches zero.
 */
public final class OutstandingWork {

    private final AtomicLong outstanding = new AtomicLong();
    /** Guards the hand-over between {@link #done()} reaching zero and a waiter in {@link #awaitNone}. */
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();

    /** A record was taken. */
    public void begin() {
        outstanding.incrementAndGet();
    }

    /** A record was finished: acknowledged, or handed to the dead-letter topic. */
    public void done() {
        if (outstanding.decrementAndGet() == 0) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    public long count() {
        return outstanding.get();
    }

    /** Waits until no record is outstanding; returns false if the timeout passed first. */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        idleLock.lock();
        try {
            while (outstanding.get() != 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = idle.awaitNanos(remaining);
            }
            return true;
        } finally {
            idleLock.unlock();
        }
    }
}
