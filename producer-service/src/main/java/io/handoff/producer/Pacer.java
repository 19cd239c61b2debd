package io.handoff.producer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends evenly at a rate that can change while running ({@code rate} commands): every sender asks
 * for the next free time slot and waits for it. A timer, not a sleep-and-hope: slots never bunch up, and
 * a sender that is late takes the next slot at once instead of catching up in a burst.
 */
final class Pacer {

    /** Nanoseconds between slots; 0 means no limit. */
    private volatile long intervalNanos;
    private volatile int perSecond;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());

    Pacer(int perSecond) {
        setRate(perSecond);
    }

    void setRate(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0 items/s, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.intervalNanos = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
    }

    int rate() {
        return perSecond;
    }

    /** Waits for this caller's slot; returns at once when there is no limit. */
    void acquire() throws InterruptedException {
        long interval = intervalNanos;
        if (interval == 0) {
            return;
        }
        long slot;
        while (true) {
            long now = System.nanoTime();
            long next = nextSlot.get();
            slot = Math.max(next, now);
            if (nextSlot.compareAndSet(next, slot + interval)) {
                break;
            }
        }
        for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a send slot");
            }
        }
    }
}
