package io.handoff.producer;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * End-to-end backpressure: at most {@code window} items made and not yet processed by any consumer. A
 * generator takes a credit before it makes an item and waits while none is left; consumers' progress
 * heartbeats give credits back. Taking it at generation, not at sending, bounds the producer's own queue too,
 * so a stop has at most a window of items left to send. The producer's own count of processed items can only
 * lag the truth, so the true number of unprocessed items never exceeds the window either.
 */
final class CreditWindow {

    private final long window;
    /** Guards {@link #sent} and {@link #processed}; {@link #freed} waits on it. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private long sent;
    private long processed;
    private boolean closed;

    /** @param window the most items sent and not processed; 0 turns the window off */
    CreditWindow(long window) {
        if (window < 0) {
            throw new IllegalArgumentException("handoff.producer.credit-window must be >= 0, got " + window);
        }
        this.window = window;
    }

    /**
     * Takes credits for up to {@code most} items, waiting while the window is full: as many as are free, at
     * least one. Zero once the window is closed (the producer is stopping), so that a waiting generator can end.
     */
    int acquire(int most) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && window > 0 && sent - processed >= window) {
                freed.await();
            }
            if (closed) {
                return 0;
            }
            int granted = window == 0 ? most : (int) Math.min(most, window - (sent - processed));
            sent += granted;
            return granted;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter for good: the producer is stopping. */
    void close() {
        lock.lock();
        try {
            closed = true;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the credits of items never sent, or refused by Kafka: they will never be processed. */
    void forget(int items) {
        lock.lock();
        try {
            sent -= items;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Consumers report this many of this producer's items processed in all. */
    void processed(long total) {
        lock.lock();
        try {
            if (total > processed) {
                processed = total;
                freed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    long window() {
        return window;
    }

    /** Items sent and not yet reported processed. */
    long unprocessed() {
        lock.lock();
        try {
            return Math.max(0, sent - processed);
        } finally {
            lock.unlock();
        }
    }
}
