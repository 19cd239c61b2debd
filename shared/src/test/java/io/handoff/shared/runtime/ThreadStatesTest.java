package io.handoff.shared.runtime;

import io.handoff.shared.message.ConcurrencySample;
import io.handoff.shared.message.ConcurrencySample.ThreadCount;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Threads in each state, counted by role and state in VisualVM's words, the virtual ones included. */
class ThreadStatesTest {

    private final ThreadStates states = new ThreadStates();

    @Test
    void eachStateIsNamedAsVisualVmNamesIt() throws Exception {
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch never = new CountDownLatch(1);
        lock.lock();
        List<Thread> threads;
        synchronized (monitor) {
            threads = List.of(
                    Thread.ofPlatform().daemon().name("worker-sleeping").start(() -> sleep()),
                    Thread.ofPlatform().daemon().name("worker-parked").start(() -> lock.lock()),
                    Thread.ofPlatform().daemon().name("worker-monitor").start(() -> {
                        synchronized (monitor) {
                            monitor.notify();
                        }
                    }),
                    Thread.ofPlatform().daemon().name("worker-waiting").start(() -> waitOn(new Object())),
                    Thread.ofVirtual().name("worker-virtual").start(() -> awaitLatch(never)));
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream().allMatch(t ->
                    t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING
                            || t.getState() == Thread.State.BLOCKED));
            List<ThreadCount> counts = states.count(List.of(threads.get(4)));
            assertThat(counts).filteredOn(c -> c.role().equals("worker")).extracting(ThreadCount::state, ThreadCount::virtual,
                    ThreadCount::count).contains(
                            org.assertj.core.groups.Tuple.tuple("sleeping", false, 1),
                            org.assertj.core.groups.Tuple.tuple("parked", false, 1),
                            org.assertj.core.groups.Tuple.tuple("monitor", false, 1),
                            org.assertj.core.groups.Tuple.tuple("waiting", false, 1),
                            org.assertj.core.groups.Tuple.tuple("parked", true, 1));
            assertThat(counts).filteredOn(c -> c.role().equals("main")).extracting(ThreadCount::state)
                    .containsExactly("running");
        }
        lock.unlock();
        never.countDown();
        threads.forEach(Thread::interrupt);
    }

    @Test
    void aSampleCarriesItsTimeAndWhatItCost() {
        ConcurrencySample sample = states.sample(List.of(), ConcurrencySample.Locks.NONE, ConcurrencySample.Audit.NONE);
        assertThat(sample.atMs()).isPositive();
        assertThat(sample.threads()).isNotEmpty();
        assertThat(sample.sampleCpuNanos()).isNotNegative();
    }

    @Test
    void statesFromTheJvmsStateAndTheLockItWaitsOn() {
        assertThat(ThreadStates.state(Thread.State.TIMED_WAITING, null)).isEqualTo("sleeping");
        assertThat(ThreadStates.state(Thread.State.WAITING, null)).isEqualTo("parked");
        assertThat(ThreadStates.state(Thread.State.WAITING, "java.util.concurrent.locks.ReentrantLock$NonfairSync"))
                .isEqualTo("parked");
        assertThat(ThreadStates.state(Thread.State.TIMED_WAITING, "java.lang.Object")).isEqualTo("waiting");
        assertThat(ThreadStates.state(Thread.State.BLOCKED, "java.lang.Object")).isEqualTo("monitor");
        assertThat(ThreadStates.state(Thread.State.RUNNABLE, null)).isEqualTo("running");
    }

    private static void sleep() {
        try {
            Thread.sleep(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
            // ended by the test
        }
    }

    private static void waitOn(Object o) {
        synchronized (o) {
            try {
                o.wait();
            } catch (InterruptedException e) {
                // ended by the test
            }
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            // ended by the test
        }
    }
}
