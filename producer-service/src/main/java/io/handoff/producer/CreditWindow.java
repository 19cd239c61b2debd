package io.handoff.producer;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * End-to-end backpressure: at most {@code window} items sent and not yet processed by any consumer. A
 * sender takes a credit per item and waits while none is left; consumers' progress heartbeats give credits
 * back. The producer's own count of processed items can only lag the truth, so the true number of
 * unprocessed items never exceeds the window either.
 */
final class CreditWindow {

    private final long window;
    /** Guards {@link #sent}, {@link #processed} and {@link #highWater}; {@link #freed} waits on it. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private long sent;
    private long processed;
    private long highWater;

    /** @param window the most items sent and not processed; 0 turns the window off */
    CreditWindow(long window) {
        if (window < 0) {
            throw new IllegalArgumentException("handoff.producer.credit-window must be >= 0, got " + window);
        }
        this.window = window;
    }

    /** Takes a credit for one item, waiting while the window is full. */
    void acquire() throws InterruptedException {
        lock.lock();
        try {
            while (window > 0 && sent - processed >= window) {
                freed.await();
            }
            sent++;
            highWater = Math.max(highWater, sent - processed);
        } finally {
            lock.unlock();
        }
    }

    /** Gives back the credit of an item Kafka refused: it will never be processed. */
    void forget() {
        lock.lock();
        try {
            sent--;
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

    long highWater() {
        lock.lock();
        try {
            return highWater;
        } finally {
            lock.unlock();
        }
    }
}
