package io.handoff.consumer.work;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest {

    @Test
    void runsEachKeysTasksInTheOrderTheyWereSubmitted() throws Exception {
        int keys = 50;
        int perKey = 2_000;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        try (WorkerPool pool = new WorkerPool(4, keys * perKey)) {
            for (int i = 0; i < perKey; i++) {
                for (int k = 0; k < keys; k++) {
                    String key = "acct-" + k;
                    int seq = i;
                    futures.add(pool.submit(key, worker -> {
                        seen.computeIfAbsent(key, x -> new CopyOnWriteArrayList<>()).add(seq);
                        return worker;
                    }).toCompletableFuture());
                }
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        assertThat(seen).hasSize(keys);
        seen.forEach((key, order) -> assertThat(order).as("order of %s", key).isSorted().hasSize(perKey));
        assertThat(futures).extracting(CompletableFuture::join).allMatch(worker -> worker.startsWith("worker-"));
    }

    @Test
    void closeRunsEveryAcceptedTaskBeforeTheWorkersEnd() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        WorkerPool pool = new WorkerPool(3, 10_000);
        for (int i = 0; i < 10_000; i++) {
            pool.submit("k" + i, worker -> ran.incrementAndGet());
        }

        pool.close();

        assertThat(ran).hasValue(10_000);
        assertThatThrownBy(() -> pool.submit("late", worker -> 1).toCompletableFuture().get())
                .hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aTaskThatThrowsFailsOnlyItsOwnStageAndTheWorkerCarriesOn() throws Exception {
        try (WorkerPool pool = new WorkerPool(1, 10)) {
            CompletableFuture<Integer> failing = pool.<Integer>submit("k", worker -> {
                throw new IllegalStateException("boom");
            }).toCompletableFuture();
            CompletableFuture<Integer> next = pool.submit("k", worker -> 42).toCompletableFuture();

            assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
            assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }
}
