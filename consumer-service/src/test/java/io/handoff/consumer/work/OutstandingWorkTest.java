package io.handoff.consumer.work;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OutstandingWorkTest {

    @Test
    void aWaiterWakesWhenTheLastRecordIsFinishedOnAnotherThread() throws Exception {
        OutstandingWork work = new OutstandingWork();
        for (int i = 0; i < 1_000; i++) {
            work.begin();
        }
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return work.awaitNone(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread finisher = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 1_000; i++) {
                work.done();
            }
        });

        assertThat(waiter.get(30, TimeUnit.SECONDS)).isTrue();
        finisher.join();
        assertThat(work.count()).isZero();
    }

    @Test
    void aWaiterGivesUpAfterItsTimeoutWhileWorkRemains() throws Exception {
        OutstandingWork work = new OutstandingWork();
        work.begin();

        assertThat(work.awaitNone(Duration.ofMillis(50))).isFalse();
        assertThat(work.count()).isEqualTo(1);
    }
}
