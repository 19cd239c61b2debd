package io.handoff.consumer.work;

import io.handoff.consumer.commit.Segment;
import io.handoff.consumer.sentinel.SentinelTracker.PartitionState;
import io.handoff.shared.context.WorkContext;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Result;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One poll's records for one worker, in offset order per partition: a per-key run. The worker applies them
 * in one pass, writes them to the audit sink in one write, then publishes their results; each record is
 * settled (its segment counted down) when Kafka has its result, or its dead letter, or at once when there is
 * nothing to write. When the last one settles, the chunk's counts go to the counters in one go.
 *
 * <p>Fields are written by the worker (and, after a thread death, by its replacement, started after the dead
 * thread ended) before it sends; settlement comes on Kafka's network threads, and the countdown of
 * {@link #pending} orders every settler's writes before the last one's read.
 */
final class Chunk implements WorkerPool.Task {

    private static final Logger LOG = Logger.getLogger(Chunk.class);

    private final WorkLine line;
    private ConsumerRecord<String, byte[]>[] records;
    private Segment<PartitionState>[] segments;
    private String[] rejects;
    private Result[] results;
    private boolean[] ok;
    private int size;
    private final AtomicInteger pending = new AtomicInteger();
    /** Progress, so that a replacement thread resumes where the dead one stopped. */
    private int next;
    private int attempts;
    private boolean audited;
    private int sent;
    private Item lastApplied;
    private int applied;

    @SuppressWarnings("unchecked")
    Chunk(WorkLine line, int capacity) {
        this.line = line;
        this.records = new ConsumerRecord[capacity];
        this.segments = new Segment[capacity];
        this.rejects = new String[capacity];
    }

    /** Only while dispatching, before the chunk is handed to its worker. */
    void add(ConsumerRecord<String, byte[]> record, Segment<PartitionState> segment, String rejectReason) {
        if (size == records.length) {
            int grown = size * 2;
            records = Arrays.copyOf(records, grown);
            segments = Arrays.copyOf(segments, grown);
            rejects = Arrays.copyOf(rejects, grown);
        }
        records[size] = record;
        segments[size] = segment;
        rejects[size] = rejectReason;
        size++;
    }

    /** Seals the chunk for its worker. */
    Chunk ready() {
        results = new Result[size];
        ok = new boolean[size];
        pending.set(size);
        return this;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void run(String worker) {
        for (; next < size; next++, attempts = 0) {
            if (++attempts > WorkerPool.MAX_ATTEMPTS) {
                fail(next, new IllegalStateException("record killed " + WorkerPool.MAX_ATTEMPTS
                        + " worker threads; not retried again"));
                continue;
            }
            applyOne(next, worker);
        }
        if (!audited) {
            audit();
            audited = true;
        }
        while (sent < size) {
            int i = sent++;
            if (results[i] != null) {
                publish(i);
            }
        }
    }

    private void applyOne(int i, String worker) {
        Outcome outcome;
        try {
            outcome = line.work.apply(records[i], rejects[i], worker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(i, new IllegalStateException("interrupted while applying offset " + records[i].offset(), e));
            return;
        } catch (RuntimeException e) {
            fail(i, e);
            return;
        }
        switch (outcome) {
            case Outcome.Applied a -> {
                results[i] = a.result();
                lastApplied = a.item();
                applied++;
            }
            case Outcome.Foreign foreign -> {
                line.counters.foreign();
                settle(i);
            }
            case Outcome.Malformed malformed -> {
                line.counters.malformed();
                LOG.debugf("malformed record: %s", malformed.reason().getMessage());
                line.deadLetters.send(records[i], malformed.reason(), () -> settle(i));
            }
        }
    }

    /** One write for the whole run, under the context of its last item: the sink sees which work it records. */
    private void audit() {
        if (applied == 0) {
            return;
        }
        Item last = lastApplied;
        try (WorkContext.Scope ignored = WorkContext.open(new WorkContext(last.producerId() + "/" + last.seq(),
                last.producerId(), last.seq(), Thread.currentThread().getName()))) {
            line.audit.record(last, applied);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the write is a simulation: the items are applied all the same
        }
    }

    private void publish(int i) {
        try {
            line.results.send(records[i].key(), results[i], (metadata, error) -> {
                if (error == null) {
                    ok[i] = true;
                    settle(i);
                } else {
                    // The transfer is applied but its result could not be written: the audit will count the
                    // item as lost, and the dead-letter topic says why.
                    fail(i, error);
                }
            });
        } catch (RuntimeException e) {
            fail(i, e);
        }
    }

    private void fail(int i, Throwable error) {
        LOG.errorf(error, "record at offset %d of partition %d failed", records[i].offset(), records[i].partition());
        line.counters.failed();
        line.deadLetters.send(records[i], error, () -> settle(i));
    }

    private void settle(int i) {
        Segment<PartitionState> segment = segments[i];
        if (segment.itemDone()) {
            line.tracker.itemsDone(segment);
        }
        if (pending.decrementAndGet() == 0) {
            complete();
        }
    }

    /** Every record is settled: the counts of those whose results Kafka has, then the outstanding work. */
    private void complete() {
        long now = System.currentTimeMillis();
        String producer = null;
        int run = 0;
        for (int i = 0; i < size; i++) {
            if (!ok[i]) {
                continue;
            }
            Result result = results[i];
            line.counters.latency(now - result.createdAtMs());
            if (!result.producerId().equals(producer)) { // one count per run of one producer's items
                line.counters.processed(producer, run);
                producer = result.producerId();
                run = 0;
            }
            run++;
        }
        line.counters.processed(producer, run);
        line.outstanding.done(size);
    }
}
