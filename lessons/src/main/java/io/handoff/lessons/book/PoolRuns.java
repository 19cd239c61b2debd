package io.handoff.lessons.book;

import io.handoff.consumer.work.WorkPerformer;
import io.handoff.consumer.work.WorkerPool;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Items of simulated work through the consumer's own {@link WorkerPool} and {@link WorkPerformer}: the same
 * workers, queues and work a consumer runs, without Kafka around them. Shared by the lessons on waiting work,
 * CPU-bound work and virtual threads.
 */
final class PoolRuns {

    /** What a run measured. */
    record Measured(int workers, int items, double seconds, int mostInFlight, long checksum) {
        double perSecond() {
            return items / seconds;
        }
    }

    private PoolRuns() {
    }

    static Measured run(ThreadKind kind, int workers, Work work, int items) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicLong checksum = new AtomicLong();
        String[] keys = keysByWorker(workers);
        List<CompletableFuture<Long>> done = new ArrayList<>(items);
        long started;
        try (WorkerPool pool = new WorkerPool(workers, Math.max(16, items / workers * 2), kind)) {
            started = System.nanoTime();
            for (int i = 0; i < items; i++) {
                long seed = i;
                done.add(pool.submit(keys[i % workers], worker -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        long sum = WorkPerformer.perform(work, seed);
                        checksum.addAndGet(sum);
                        return sum;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }).toCompletableFuture());
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measured(workers, items, seconds, most.get(), checksum.get());
    }

    /** For each worker index, a key the pool routes to it: items spread evenly over the workers. */
    static String[] keysByWorker(int workers) {
        String[] keys = new String[workers];
        int found = 0;
        for (int n = 0; found < workers; n++) {
            String key = Integer.toString(n);
            int worker = Math.floorMod(key.hashCode(), workers);
            if (keys[worker] == null) {
                keys[worker] = key;
                found++;
            }
        }
        return keys;
    }
}
