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
            work.begin(1);
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
                work.done(1);
            }
        });

        assertThat(waiter.get(30, TimeUnit.SECONDS)).isTrue();
        finisher.join();
        assertThat(work.count()).isZero();
    }

    @Test
    void aWaiterGivesUpAfterItsTimeoutWhileWorkRemains() throws Exception {
        OutstandingWork work = new OutstandingWork();
        work.begin(1);

        assertThat(work.awaitNone(Duration.ofMillis(50))).isFalse();
        assertThat(work.count()).isEqualTo(1);
    }

    @Test
    void theNextPollIsHeldBackUntilTheWorkInHandIsBelowTheLimitAndThenOpensOnTheGivenExecutor() throws Exception {
        OutstandingWork work = new OutstandingWork();
        work.begin(5);
        assertThat(work.whenBelow(6, Runnable::run).toCompletableFuture().isDone()).as("room now").isTrue();

        java.util.List<Runnable> handedOver = new java.util.ArrayList<>();
        CompletableFuture<Void> gate = work.whenBelow(3, handedOver::add).toCompletableFuture();
        work.done(2);
        assertThat(gate.isDone()).as("3 in hand, not below 3").isFalse();
        work.done(1);
        assertThat(gate.isDone()).as("opened on the executor given, not on the finishing thread").isFalse();
        assertThat(handedOver).hasSize(1);
        handedOver.getFirst().run();
        assertThat(gate.isDone()).isTrue();
    }
}
