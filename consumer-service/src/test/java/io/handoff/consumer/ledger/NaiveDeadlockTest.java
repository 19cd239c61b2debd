package io.handoff.consumer.ledger;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.message.Transfer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Without its watchdog, naive locking deadlocks; the JVM's own detector sees it, and the test cleans up. */
class NaiveDeadlockTest {

    @Test
    void oppositeTransfersWithoutTheWatchdogDeadlockAndTheJvmSeesIt() throws Exception {
        Ledger ledger = new Ledger(2, 1_000, LockMode.NAIVE, Duration.ZERO, Duration.ofMillis(10), null,
                new SimpleMeterRegistry());
        CountDownLatch bothDone = new CountDownLatch(2);
        // Transfers back and forth, over and over: sooner or later each holds its first lock while the other
        // holds the second, and both wait forever.
        Thread aToB = transfers(ledger, new Transfer(0, 1, 5), bothDone, "worker-a");
        Thread bToA = transfers(ledger, new Transfer(1, 0, 5), bothDone, "worker-b");
        ThreadMXBean jvm = ManagementFactory.getThreadMXBean();

        await().atMost(10, TimeUnit.SECONDS).until(() -> deadlocked(jvm).contains(aToB.threadId()));

        assertThat(deadlocked(jvm)).as("a deadlock cycle: DETECTED").contains(aToB.threadId(), bToA.threadId());
        assertThat(bothDone.await(200, TimeUnit.MILLISECONDS)).as("neither can finish on its own").isFalse();

        // Clean up: the waits are interruptible, so interrupting both ends them.
        aToB.interrupt();
        bToA.interrupt();
        assertThat(bothDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(deadlocked(jvm)).doesNotContain(aToB.threadId(), bToA.threadId());
    }

    private static List<Long> deadlocked(ThreadMXBean jvm) {
        long[] ids = jvm.findDeadlockedThreads();
        return ids == null ? List.of() : Arrays.stream(ids).boxed().toList();
    }

    private static Thread transfers(Ledger ledger, Transfer transfer, CountDownLatch done, String name) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                while (true) {
                    ledger.transfer(transfer);
                }
            } catch (InterruptedException e) {
                // the test's clean-up
            } finally {
                done.countDown();
            }
        });
    }
}
