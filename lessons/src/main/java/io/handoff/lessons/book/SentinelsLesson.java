package io.handoff.lessons.book;

import io.handoff.consumer.commit.Segment;
import io.handoff.consumer.sentinel.SentinelTracker;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.json.Json;
import io.handoff.shared.message.Sentinel;
import io.handoff.shared.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How consumers learn that the work has ended. One sentinel on a queue that three threads read ends one of
 * them and leaves the others waiting for ever; one per consumer ends them all. Across processes and
 * partitions, the pipeline's form: every producer writes a sentinel to every partition, and the consumer's
 * own {@link SentinelTracker} takes a partition as finished only when all of them are in and all before them
 * is done.
 */
public final class SentinelsLesson implements Lesson {

    static final int CONSUMERS = 3;
    static final int ITEMS = 30;
    static final long PATIENCE_MS = 1_000;
    private static final String STOP = "STOP";

    @Override
    public String name() {
        return "sentinels";
    }

    @Override
    public Forms forms() {
        return new Forms("q.put(None)", "STOP objects, SentinelTracker");
    }

    @Override
    public String idea() {
        return "sentinels: one for several consumers hangs them; one per consumer ends cleanly; Kafka's form";
    }

    @Override
    public String python() {
        return "q.put(None) once for 3 consumers (two hang) vs for _ in range(3): q.put(None)";
    }

    @Override
    public String java() {
        return "a BlockingQueue with a STOP object; the pipeline: a sentinel per producer per partition, SentinelTracker";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.interesting("one-sentinel:left-waiting", "a consumer still waiting for work after the only sentinel"),
                Outcome.acceptable("one-per-consumer:ended", "a consumer got its own sentinel and ended"),
                Outcome.forbidden("one-per-consumer:left-waiting", "a consumer still waiting although each had a sentinel"),
                Outcome.forbidden("item-lost", "an item put before the sentinels was never taken"),
                Outcome.acceptable("partition-finished", "a partition finished once every producer's sentinel was in"),
                Outcome.forbidden("finished-too-soon", "a partition finished before every producer's sentinel"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        lab.say("1. %d consumer threads on one queue; %d items, then ONE sentinel", CONSUMERS, ITEMS);
        long waiting = queueRound(lab, 1);
        lab.say("   after %d ms, consumers still waiting in take(): %d", PATIENCE_MS, waiting);
        lab.observe("one-sentinel:left-waiting", waiting);
        lab.tries(CONSUMERS - 1);

        lab.say("2. the same, with one sentinel per consumer (%d)", CONSUMERS);
        long left = queueRound(lab, CONSUMERS);
        lab.say("   consumers still waiting: %d%s", left, left == 0 ? " (every one ended at its sentinel)" : "");
        lab.observe("one-per-consumer:ended", CONSUMERS - left);
        lab.observe("one-per-consumer:left-waiting", left);

        lab.say("3. the pipeline's form: producers p0 and p1 each write a sentinel to every partition of 'items';");
        lab.say("   the consumer's SentinelTracker is fed partitions 0 and 1, as polls would bring them");
        SentinelTracker tracker = new SentinelTracker("lesson-run");
        tracker.expectProducers(List.of("p0", "p1"));
        tracker.assigned(List.of(0, 1));
        tracker.startAt(0, 0, false);
        tracker.startAt(1, 0, false);
        long[] next = {0, 0};
        feed(tracker, 0, next, List.of(item(0, next), item(0, next), sentinel(0, "p0", next), item(0, next),
                sentinel(0, "p1", next)));
        feed(tracker, 1, next, List.of(item(1, next), sentinel(1, "p0", next), item(1, next)));
        lab.say("   partition 0: items, p0's sentinel, an item of p1, p1's sentinel -> finished: %s", tracker.finished());
        lab.say("   partition 1: an item, p0's sentinel, an item of p1 (p1 still writing) -> not finished yet");
        if (tracker.finished().contains(1)) {
            lab.observe("finished-too-soon");
        }
        feed(tracker, 1, next, List.of(sentinel(1, "p1", next)));
        lab.say("   partition 1: p1's sentinel arrives -> finished: %s; every held partition done: %s",
                tracker.finished(), tracker.allHeldFinished());
        lab.observe("partition-finished", tracker.finished().size());
        lab.notice("A sentinel is a value that means 'no more': whoever takes it stops, so each reader needs its own.");
        lab.notice("With partitions, 'each reader' is each partition, and there are several producers: a partition is");
        lab.notice("done only when every producer's sentinel is in and every item before them processed.");
        lab.notice("The pipeline never acknowledges a sentinel early: a partition that changes hands is finished by its new owner.");
    }

    /** Consumers on one queue; returns how many still wait after the sentinels, then stops them. */
    private static long queueRound(Lab lab, int sentinels) throws InterruptedException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(ITEMS + CONSUMERS);
        AtomicLong taken = new AtomicLong();
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(Thread.ofPlatform().name("lesson-consumer-" + c).start(() -> {
                try {
                    while (queue.take() != STOP) {
                        taken.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    // stopped by the lesson: it was left waiting
                }
            }));
        }
        for (int i = 0; i < ITEMS; i++) {
            queue.put(i);
        }
        for (int s = 0; s < sentinels; s++) {
            queue.put(STOP);
        }
        long deadline = System.currentTimeMillis() + PATIENCE_MS;
        for (Thread t : consumers) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        long waiting = consumers.stream().filter(Thread::isAlive).count();
        consumers.forEach(Thread::interrupt);
        for (Thread t : consumers) {
            t.join();
        }
        if (taken.get() != ITEMS) {
            lab.observe("item-lost", ITEMS - taken.get());
        }
        return waiting;
    }

    /** Admits records as one poll and finishes the items at once, as workers would. */
    private static void feed(SentinelTracker tracker, int partition, long[] next, List<ConsumerRecord<String, byte[]>> records) {
        Set<Segment<SentinelTracker.PartitionState>> segments = new LinkedHashSet<>();
        tracker.admit(partition, records, (record, segment, reject) -> segments.add(segment));
        segments.forEach(tracker::itemsDone);
    }

    private static ConsumerRecord<String, byte[]> item(int partition, long[] next) {
        return new ConsumerRecord<>(Topics.ITEMS, partition, next[partition]++, "k", "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, byte[]> sentinel(int partition, String producer, long[] next) throws Exception {
        byte[] value = Json.mapper().writeValueAsBytes(new Sentinel("lesson-run", producer, 2, partition, 0));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.ITEMS, partition, next[partition]++, producer,
                value);
        record.headers().add(Sentinel.KIND_HEADER, Sentinel.KIND.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.producer.SentinelWriter and io.handoff.consumer.sentinel.SentinelTracker; WorkerPool.close()",
                "./handoff run --producers 3 --consumers 4 --partitions 12 --items 30000", "the report says endedBy=sentinels");
    }
}
