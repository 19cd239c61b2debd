package io.handoff.lessons.book;

import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Four threads counting into a map of 100 keys: a HashMap with get-then-put loses counts, a ConcurrentHashMap
 * with merge loses none, and a LongAdder per key (what the ledger's stats use) loses none either.
 */
public final class CollectionsLesson implements Lesson {

    static final int THREADS = 4;
    static final int EACH = 100_000;
    static final int KEYS = 100;

    @Override
    public String name() {
        return "collections";
    }

    @Override
    public Forms forms() {
        return new Forms("dict from threads", "ConcurrentHashMap, LongAdder");
    }

    @Override
    public String idea() {
        return "thread-safe collections: a plain map loses counts, a concurrent one does not";
    }

    @Override
    public String python() {
        return "d[k] = d.get(k, 0) + 1 from threads (not atomic); queue.Queue is the thread-safe one";
    }

    @Override
    public String java() {
        return "HashMap get/put vs ConcurrentHashMap.merge and LongAdder";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.interesting("plain-map-lost-counts", "the HashMap's counts add up to less than was counted"),
                Outcome.acceptable("plain-map-exact", "the HashMap happened to lose nothing this time (not proof)"),
                Outcome.acceptable("concurrent-map-exact", "ConcurrentHashMap.merge / LongAdder: every count kept"),
                Outcome.forbidden("concurrent-map-lost-counts", "a thread-safe map lost a count"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        long expected = (long) THREADS * EACH;
        Map<Integer, Long> plain = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            plain.put(k, 0L); // every key there first: no resize, only the lost update is shown
        }
        hammer(k -> plain.put(k, plain.get(k) + 1));
        long plainSum = plain.values().stream().mapToLong(Long::longValue).sum();
        lab.say("HashMap, get then put:          expected %,d, got %,d", expected, plainSum);
        lab.observe(plainSum == expected ? "plain-map-exact" : "plain-map-lost-counts");

        Map<Integer, Long> concurrent = new ConcurrentHashMap<>();
        hammer(k -> concurrent.merge(k, 1L, Long::sum));
        long concurrentSum = concurrent.values().stream().mapToLong(Long::longValue).sum();
        lab.say("ConcurrentHashMap.merge:        expected %,d, got %,d", expected, concurrentSum);
        lab.observe(concurrentSum == expected ? "concurrent-map-exact" : "concurrent-map-lost-counts");

        Map<Integer, LongAdder> adders = new ConcurrentHashMap<>();
        hammer(k -> adders.computeIfAbsent(k, x -> new LongAdder()).increment());
        long adderSum = adders.values().stream().mapToLong(LongAdder::sum).sum();
        lab.say("ConcurrentHashMap of LongAdder: expected %,d, got %,d", expected, adderSum);
        lab.observe(adderSum == expected ? "concurrent-map-exact" : "concurrent-map-lost-counts");
        lab.figure("plainLost", expected - plainSum);
        lab.tries(1);
        lab.notice("get-then-put is two steps: another thread's put between them is overwritten (the race again).");
        lab.notice("merge() is one atomic step per key; LongAdder spreads a hot counter over cells, so threads do not queue.");
        lab.notice("A HashMap written by several threads can also corrupt itself while it grows: never share one unguarded.");
    }

    private static void hammer(java.util.function.IntConsumer count) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().name("lesson-counter-" + t).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < EACH; i++) {
                    count.accept((i + offset) % KEYS);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("LockStats counts in LongAdders; WaitForGraph and DeadlockWatchdog keep ConcurrentHashMaps",
                "./handoff run --lock-mode naive --hot-accounts 2 --items 20000", "every lock counter of the report is a LongAdder sum");
    }
}
