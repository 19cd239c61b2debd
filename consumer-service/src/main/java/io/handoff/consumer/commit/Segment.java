package io.handoff.consumer.commit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The records of one partition that came in one poll: the unit in which offsets become committable. A
 * segment is committable once every item in it is finished and it holds no sentinel that must stay
 * unacknowledged; the committed offset then may move to its {@link #end()}.
 *
 * <p>Built on the dispatching thread before any worker sees its items; afterwards the only writes are the
 * countdown of {@link #itemDone()} (lock-free, once per item, on whichever thread finished it) and
 * {@link #releaseSentinels()} (by the owner's guard). One allocation per partition per poll, not per item.
 *
 * @param <O> what the segment belongs to (one assignment of one partition), handed back when it drains
 */
public final class Segment<O> {

    private final O owner;
    private final AtomicInteger pending = new AtomicInteger();
    private int items;
    private long end = -1;
    private volatile boolean holdsSentinels;

    public Segment(O owner) {
        this.owner = owner;
    }

    public O owner() {
        return owner;
    }

    /** Adds an item to be finished at {@code offset}; only before the segment is handed to workers. */
    public void addItem(long offset) {
        items++;
        pending.incrementAndGet();
        end = offset + 1;
    }

    /** Covers a record that needs no finishing (another run's sentinel, or a held one). */
    public void cover(long offset) {
        end = offset + 1;
    }

    /** This segment holds a sentinel of the run: not committable until {@link #releaseSentinels()}. */
    public void holdSentinel(long offset) {
        holdsSentinels = true;
        cover(offset);
    }

    public void releaseSentinels() {
        holdsSentinels = false;
    }

    /** One item is finished; true for the call that finished the last one. */
    public boolean itemDone() {
        return pending.decrementAndGet() == 0;
    }

    public int items() {
        return items;
    }

    public boolean isEmpty() {
        return end < 0;
    }

    /** The offset after the last record covered: where the committed offset moves when this one is done. */
    public long end() {
        return end;
    }

    boolean committable() {
        return pending.get() == 0 && !holdsSentinels;
    }
}
