package io.handoff.producer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces items evenly at a rate that can change while running ({@code rate} commands): a fixed schedule of
 * time slots, {@code 1/rate} apart. A generator claims the slots that are due (up to a chunk), waiting for
 * the first if it lies ahead, and stamps each item with its slot's time: latency is measured from when an
 * item should have been sent, so a producer that falls behind shows it, rather than hiding the wait
 * (coordinated omission). The schedule forgives at most {@link #TOLERANCE_NANOS} of lateness, so that a
 * producer held back by credits, not by slowness, does not send a burst to catch up.
 */
final class Pacer {

    /** How far behind the schedule may fall before it is moved up to now. */
    static final long TOLERANCE_NANOS = 1_000_000_000L;
    /**
     * A generator wakes at most this often: at high rates it waits for a millisecond's slots and makes them
     * together (each still stamped with its own slot), rather than waking for every item.
     */
    static final long GRANULARITY_NANOS = 1_000_000L;

    /** Nanoseconds between slots; 0 means no limit. */
    private volatile long intervalNanos;
    private volatile int perSecond;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    /** Wall-clock milliseconds at nanoTime 0: slot times become item creation times. */
    private final double epochMs = System.currentTimeMillis() - System.nanoTime() / 1e6;

    /** Slots claimed: how many, the first one's nanoTime, and the spacing. */
    record Slots(int count, long firstNanos, long intervalNanos) {
    }

    Pacer(int perSecond) {
        setRate(perSecond);
    }

    void setRate(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0 items/s, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.intervalNanos = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
        nextSlot.set(System.nanoTime()); // a new rate starts a new schedule
    }

    /** Starts the schedule now: slots before the producer began are not owed (no burst at the start). */
    void restart() {
        nextSlot.set(System.nanoTime());
    }

    int rate() {
        return perSecond;
    }

    /**
     * Claims up to {@code most} slots: those already due, or else the next millisecond's (at least one),
     * waited for until the last of them is due. Without a limit, {@code most} slots, all now.
     */
    Slots acquire(int most) throws InterruptedException {
        long interval = intervalNanos;
        if (interval == 0) {
            return new Slots(most, System.nanoTime(), 0);
        }
        long first;
        int count;
        while (true) {
            long now = System.nanoTime();
            long next = nextSlot.get();
            first = Math.max(next, now - TOLERANCE_NANOS);
            count = first > now ? (int) Math.max(1, Math.min(most, GRANULARITY_NANOS / interval))
                    : (int) Math.min(most, 1 + (now - first) / interval);
            if (nextSlot.compareAndSet(next, first + count * interval)) {
                break;
            }
        }
        long last = first + (count - 1) * interval; // made when the last of them is due
        for (long wait = last - System.nanoTime(); wait > 0; wait = last - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a send slot");
            }
        }
        return new Slots(count, first, interval);
    }

    /** The wall-clock time of the {@code i}-th of these slots, in milliseconds. */
    long wallClockMs(Slots slots, int i) {
        return (long) (epochMs + (slots.firstNanos() + i * slots.intervalNanos()) / 1e6);
    }
}
