package io.handoff.consumer.work;

import io.handoff.shared.context.WorkContext;
import io.handoff.shared.message.Item;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A scarce downstream: an audit store that takes at most {@code permits} writes at once (a licence, a
 * connection limit). Workers write a poll's run of items as one batch: the permit and the write time are per
 * write, not per item, so the simulated store cannot take the cores the broker needs. A {@link Semaphore} enforces it: a worker takes a permit before writing and the write
 * gives it back when done. The sink counts holders and keeps the high-water mark, which the tests hold to
 * {@code <= permits}.
 *
 * <p>A write runs on the worker itself, or, with {@code async}, on the sink's own threads
 * ({@code audit-writer-N}, like a driver's I/O threads). The async path shows two lessons: the worker's
 * {@link WorkContext} must cross the executor hop ({@code propagate} carries it; without, the write is
 * counted in {@code handoff.context.missing}), and a hop per item is not free, since each write then waits
 * for a writer thread to be scheduled, which on a busy machine takes far longer than the write.
 */
public final class AuditSink implements AutoCloseable {

    private final Semaphore permits;
    private final int permitCount;
    private final long writeNanos;
    private final boolean propagate;
    private final ExecutorService writers;
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();
    private final Timer wait;
    /** Items recorded and the writes that recorded them: the batching the sink sees (shown on {@code /ledger}). */
    private final LongAdder written = new LongAdder();
    private final LongAdder writes = new LongAdder();
    /** Counted here, read by the meter: the report needs it even when meters are no-ops. */
    private final LongAdder contextMissing = new LongAdder();

    /**
     * @param writeTime how long one write keeps the downstream busy
     * @param async     write on the sink's threads (true) or the caller's (false)
     * @param propagate with {@code async}: carry the caller's WorkContext to the writer thread
     */
    public AuditSink(int permits, Duration writeTime, boolean async, boolean propagate, MeterRegistry registry) {
        if (permits < 1) {
            throw new IllegalArgumentException("handoff.consumer.audit.permits must be at least 1, got " + permits);
        }
        this.permitCount = permits;
        this.permits = new Semaphore(permits, true); // fair: the worker that waited longest goes next
        this.writeNanos = writeTime.toNanos();
        this.propagate = propagate;
        // More writer threads than permits on purpose: the semaphore, not the pool size, is the limit.
        this.writers = async ? Executors.newFixedThreadPool(permits * 2,
                Thread.ofPlatform().name("audit-writer-", 0).daemon().factory()) : null;
        this.wait = Timer.builder(MetricNames.AUDIT_WAIT)
                .description("Time workers waited for an audit-sink permit").register(registry);
        FunctionCounter.builder(MetricNames.CONTEXT_MISSING, contextMissing, LongAdder::sum)
                .description("Audit writes that ran without their item's context").register(registry);
        Gauge.builder(MetricNames.AUDIT_PERMITS_IN_USE, holders, AtomicInteger::get)
                .description("Audit-sink permits held now").register(registry);
        Gauge.builder(MetricNames.AUDIT_PERMITS_HIGH_WATER, highWater, AtomicInteger::get)
                .description("Most audit-sink permits held at once").register(registry);
    }

    /** Records one item: waits for a permit (only while all are out), writes, gives the permit back. */
    public void record(Item item) throws InterruptedException {
        record(item, 1);
    }

    /**
     * Records a worker's run of {@code items} items, {@code last} the last of them, in one write: one permit,
     * one write time per batch, as a real store takes batched inserts. The run's items are known to the write
     * through the context of the last one.
     */
    public void record(Item last, int items) throws InterruptedException {
        Item item = last;
        long asked = System.nanoTime();
        permits.acquire();
        wait.record(System.nanoTime() - asked, TimeUnit.NANOSECONDS);
        highWater.accumulateAndGet(holders.incrementAndGet(), Math::max);
        Runnable write = () -> {
            try {
                write(item);
                written.add(items);
            } finally {
                holders.decrementAndGet();
                permits.release();
            }
        };
        if (writers == null) {
            write.run();
            return;
        }
        try {
            writers.execute(propagate ? WorkContext.propagate(write) : write);
        } catch (RejectedExecutionException e) {
            holders.decrementAndGet();
            permits.release();
            throw e;
        }
    }

    private void write(Item item) {
        writes.increment();
        // Deep in the call stack, maybe on another thread: the item is known only through the context.
        if (WorkContext.current().filter(c -> c.seq() == item.seq()).isEmpty()) {
            contextMissing.increment();
        }
        long until = System.nanoTime() + writeNanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait(); // the downstream's time per write, spent without giving up the core
        }
    }

    /** Items recorded, and the writes they took: the batching the sink sees. */
    public long itemsWritten() {
        return written.sum();
    }

    public long writes() {
        return writes.sum();
    }

    public int permits() {
        return permitCount;
    }

    public int highWater() {
        return highWater.get();
    }

    public int inUse() {
        return holders.get();
    }

    /** Threads queued for a permit now (the semaphore's estimate). */
    public int waiters() {
        return permits.getQueueLength();
    }

    /** Permits asked for, and the time spent waiting for them in all (what the wait timer has recorded). */
    public long waits() {
        return wait.count();
    }

    public long waitNanos() {
        return (long) wait.totalTime(TimeUnit.NANOSECONDS);
    }

    public long contextMissing() {
        return contextMissing.sum();
    }

    /** Lets the writes handed over finish (for a few seconds at most), then stops the writer threads. */
    @Override
    public void close() throws InterruptedException {
        if (writers != null) {
            writers.shutdown();
            if (!writers.awaitTermination(5, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        }
    }
}
