package io.handoff.consumer.work;

import io.handoff.shared.config.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest {

    @ParameterizedTest(name = "{0} workers")
    @EnumSource(ThreadKind.class)
    void runsEachKeysTasksInTheOrderTheyWereSubmitted(ThreadKind kind) throws Exception {
        int keys = 50;
        int perKey = 2_000;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        try (WorkerPool pool = new WorkerPool(4, keys * perKey, kind)) {
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
            assertThat(pool.threads()).hasSize(4).allMatch(t -> t.isVirtual() == (kind == ThreadKind.VIRTUAL));
        }

        assertThat(seen).hasSize(keys);
        seen.forEach((key, order) -> assertThat(order).as("order of %s: out of order is FORBIDDEN", key)
                .isSorted().hasSize(perKey));
        assertThat(futures).extracting(CompletableFuture::join).allMatch(worker -> worker.startsWith("worker-"));
    }

    @Test
    void closeRunsEveryAcceptedTaskBeforeTheWorkersEnd() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        WorkerPool pool = new WorkerPool(3, 10_000, ThreadKind.PLATFORM);
        for (int i = 0; i < 10_000; i++) {
            pool.submit("k" + i, worker -> ran.incrementAndGet());
        }

        pool.close();

        assertThat(ran).hasValue(10_000);
        assertThat(pool.threads()).noneMatch(Thread::isAlive);
        assertThatThrownBy(() -> pool.submit("late", worker -> 1).toCompletableFuture().get())
                .hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aTaskThatThrowsFailsOnlyItsOwnStageAndTheWorkerCarriesOn() throws Exception {
        try (WorkerPool pool = new WorkerPool(1, 10, ThreadKind.PLATFORM)) {
            CompletableFuture<Integer> failing = pool.<Integer>submit("k", worker -> {
                throw new IllegalStateException("boom");
            }).toCompletableFuture();
            CompletableFuture<Integer> next = pool.submit("k", worker -> 42).toCompletableFuture();

            assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
            assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }

    @Test
    void aStrayInterruptDoesNotEndAWorker() throws Exception {
        try (WorkerPool pool = new WorkerPool(1, 10, ThreadKind.PLATFORM)) {
            CountDownLatch idle = new CountDownLatch(1);
            pool.submit("k", worker -> {
                idle.countDown();
                return 0;
            });
            idle.await();

            pool.threads().getFirst().interrupt(); // arrives while the worker waits for its next task

            assertThat(pool.submit("k", worker -> 7).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(7);
        }
    }

    @Test
    void aWorkerThreadThatDiesIsReplacedAndItsItemRunsAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (WorkerPool pool = new WorkerPool(1, 10, ThreadKind.PLATFORM)) {
            Thread first = pool.threads().getFirst();
            CompletableFuture<String> item = pool.submit("k", worker -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new WorkerCrash(worker + " dies mid-item");
                }
                return "applied on the replacement";
            }).toCompletableFuture();

            assertThat(item.get(10, TimeUnit.SECONDS)).isEqualTo("applied on the replacement");
            assertThat(attempts).as("the item ran again, not lost").hasValue(2);
            assertThat(pool.replaced()).isEqualTo(1);
            assertThat(pool.threads().getFirst()).isNotSameAs(first);
            assertThat(pool.submit("k", worker -> 7).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(7);
        }
    }

    @Test
    void anItemThatKillsEveryThreadItRunsOnIsFailedInsteadOfRetriedForever() throws Exception {
        try (WorkerPool pool = new WorkerPool(1, 10, ThreadKind.VIRTUAL)) {
            CompletableFuture<Integer> poison = pool.<Integer>submit("k", worker -> {
                throw new WorkerCrash("always");
            }).toCompletableFuture();

            assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("killed " + WorkerPool.MAX_ATTEMPTS + " worker threads");
            assertThat(pool.replaced()).isEqualTo(WorkerPool.MAX_ATTEMPTS);
            assertThat(pool.submit("k", worker -> 1).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }
}
