package io.handoff.lessons.book;

import io.handoff.consumer.work.AuditSink;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twelve threads writing to the consumer's {@link AuditSink}, a downstream that takes 3 writes at once: its
 * fair {@code Semaphore} lets 3 in and makes the rest wait. A sampler counts how many are inside.
 */
public final class SemaphoreLesson implements Lesson {

    static final int PERMITS = 3;
    static final int THREADS = 12;
    static final int WRITES_EACH = 15;
    static final Duration WRITE_TIME = Duration.ofMillis(2);

    @Override
    public String name() {
        return "semaphore";
    }

    @Override
    public Forms forms() {
        return new Forms("threading.Semaphore(3)", "Semaphore in AuditSink");
    }

    @Override
    public String idea() {
        return "a Semaphore: never more than N inside, the rest wait (waits counted)";
    }

    @Override
    public String python() {
        return "sem = threading.Semaphore(3); with sem: write()";
    }

    @Override
    public String java() {
        return "new Semaphore(3, true); acquire() ... release(), in the consumer's AuditSink";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("wrote-without-waiting", "a permit was free: straight in"),
                Outcome.acceptable("waited-for-a-permit", "all permits out: waited for one to come back"),
                Outcome.forbidden("more-than-n-inside", "a sample saw more writers inside than permits"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        lab.say("an audit store that takes %d writes at once, %d ms each; %d threads x %d writes",
                PERMITS, WRITE_TIME.toMillis(), THREADS, WRITES_EACH);
        TreeMap<Integer, Long> inside = new TreeMap<>();
        AtomicLong waited = new AtomicLong();
        AtomicLong straight = new AtomicLong();
        try (AuditSink sink = new AuditSink(PERMITS, WRITE_TIME, false, false, new SimpleMeterRegistry())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                writers.add(Thread.ofPlatform().name("lesson-writer-" + t).start(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < WRITES_EACH; i++) {
                            long asked = System.nanoTime();
                            sink.record(new Item("lesson", "writer-" + id, i, "k" + id,
                                    System.currentTimeMillis(), new Transfer(0, 1, 1), Work.NONE, ""));
                            long took = System.nanoTime() - asked;
                            // A write takes WRITE_TIME; half as long again means it waited for a permit first.
                            (took > WRITE_TIME.toNanos() * 3 / 2 ? waited : straight).incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            Thread sampler = Thread.ofPlatform().daemon().name("lesson-sampler").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    inside.merge(sink.inUse(), 1L, Long::sum);
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(0, 200_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            go.countDown();
            for (Thread w : writers) {
                w.join();
            }
            sampler.interrupt();
            sampler.join();
            lab.say("writers inside at each of %,d samples: %s", inside.values().stream().mapToLong(Long::longValue).sum(),
                    describe(inside));
            lab.say("most inside at once (the sink's own high-water mark): %d of %d permits", sink.highWater(), PERMITS);
            lab.say("writes that waited for a permit: %,d of %,d", waited.get(), waited.get() + straight.get());
            lab.observe("wrote-without-waiting", straight.get());
            lab.observe("waited-for-a-permit", waited.get());
            long over = inside.tailMap(PERMITS + 1).values().stream().mapToLong(Long::longValue).sum();
            if (sink.highWater() > PERMITS || over > 0) {
                lab.observe("more-than-n-inside", Math.max(1, over));
            }
            lab.figure("highWater", sink.highWater());
        }
        lab.notice("A lock lets one in; a semaphore lets N in: a connection limit, a licence, a rate of writes.");
        lab.notice("Fair (true): the longest waiter goes next, so no writer starves while others keep getting in.");
        lab.notice("In the pipeline a worker writes a poll's run of items as one batch: one permit per batch, not per item.");
    }

    private static String describe(TreeMap<Integer, Long> inside) {
        long total = inside.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder s = new StringBuilder();
        inside.forEach((n, count) -> s.append(String.format(Locale.ROOT, "%d inside %.0f%%  ", n, 100.0 * count / total)));
        return s.toString().trim();
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.work.AuditSink (consumer-service); gauge handoff_audit_permits_in_use",
                "./handoff run --items 50000", "the report's consumers[].concurrency.auditHighWater <= permits");
    }
}
