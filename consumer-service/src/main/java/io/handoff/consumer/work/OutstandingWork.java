package io.handoff.consumer.work;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts records taken but not yet finished, lets a stop wait until there are none (the "task_done / join"
 * of a joinable queue, for work that crosses threads), and holds the next poll back while too many are in
 * hand: the consumer's in-process backpressure.
 *
 * <p>The count is a lock-free atomic, moved a poll or a chunk at a time. The lock is taken only to wake a
 * stop waiting for zero; the gate is one parked future, completed by whoever brings the count low enough.
 */
public final class OutstandingWork {

    private final AtomicLong outstanding = new AtomicLong();
    /** Guards the hand-over between {@link #done} reaching zero and a waiter in {@link #awaitNone}. */
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();
    /** The next poll, waiting for room; at most one, since polls are handed over one at a time. */
    private final AtomicReference<Gate> gate = new AtomicReference<>();

    private record Gate(long below, CompletableFuture<Void> open, Executor where) {
    }

    /** Records were taken. */
    public void begin(long records) {
        outstanding.addAndGet(records);
    }

    /** Records were finished: acknowledged, or handed to the dead-letter topic. */
    public void done(long records) {
        long left = outstanding.addAndGet(-records);
        Gate waiting = gate.get();
        if (waiting != null && left < waiting.below() && gate.compareAndSet(waiting, null)) {
            waiting.where().execute(() -> waiting.open().complete(null));
        }
        if (left == 0) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    /**
     * Completes once fewer than {@code below} records are outstanding: at once if that is so now, otherwise on
     * {@code where} (the dispatching thread's own context, never a Kafka network thread).
     */
    public CompletionStage<Void> whenBelow(long below, Executor where) {
        if (outstanding.get() < below) {
            return CompletableFuture.completedFuture(null);
        }
        Gate waiting = new Gate(below, new CompletableFuture<>(), where);
        gate.set(waiting);
        // The count may have dropped between the check and the set: look again, and open it here if so.
        if (outstanding.get() < below && gate.compareAndSet(waiting, null)) {
            return CompletableFuture.completedFuture(null);
        }
        return waiting.open();
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
