package io.handoff.consumer.work;

import io.handoff.shared.context.WorkContext;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AuditSinkTest {

    static final int WORKERS = 16;
    static final int PER_WORKER = 200;

    @ParameterizedTest(name = "async {0}, context propagated {1}")
    @CsvSource({"false, false", "true, true", "true, false"})
    void neverLetsMoreWritersInThanItHasPermitsAndCountsEveryLostContext(boolean async, boolean propagate)
            throws Exception {
        AtomicLong failures = new AtomicLong();
        try (AuditSink sink = new AuditSink(3, Duration.ofNanos(50_000), async, propagate, new SimpleMeterRegistry())) {
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(Thread.ofPlatform().name("worker-" + w).start(() -> {
                    for (int i = 0; i < PER_WORKER; i++) {
                        long seq = worker * 1_000L + i;
                        Item item = new Item("run", "producer-0", seq, "k", 0, new Transfer(0, 1, 1), Work.NONE, "");
                        try (WorkContext.Scope ignored = WorkContext.open(
                                new WorkContext("producer-0/" + seq, "producer-0", seq, "worker-" + worker))) {
                            sink.record(item);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            sink.close(); // lets the last writes finish

            assertThat(failures).hasValue(0);
            assertThat(sink.highWater()).as("concurrent writers above the permits: FORBIDDEN").isLessThanOrEqualTo(3);
            assertThat(sink.highWater()).as("sixteen workers do fill three permits").isEqualTo(3);
            assertThat(sink.inUse()).isZero();
            // Inline writes run on the worker, inside its context; only an unpropagated hop loses it.
            assertThat(sink.contextMissing()).as("writes that lost their item's context")
                    .isEqualTo(async && !propagate ? (long) WORKERS * PER_WORKER : 0);
        }
    }

    @Test
    void aWorkersRunOfItemsIsOneWriteUnderOnePermit() throws Exception {
        try (AuditSink sink = new AuditSink(3, Duration.ofNanos(50_000), false, true, new SimpleMeterRegistry())) {
            Item last = new Item("run", "producer-0", 249, "k", 0, new Transfer(0, 1, 1), Work.NONE, "");
            try (WorkContext.Scope ignored = WorkContext.open(
                    new WorkContext("producer-0/249", "producer-0", 249, "worker-0"))) {
                sink.record(last, 250);
                sink.record(last, 250);
            }

            assertThat(sink.itemsWritten()).isEqualTo(500);
            assertThat(sink.writes()).as("one write per run, not per item").isEqualTo(2);
            assertThat(sink.highWater()).isEqualTo(1);
            assertThat(sink.contextMissing()).as("the run's write carries its last item's context").isZero();
        }
    }
}
