package io.handoff.consumer.ledger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.handoff.shared.config.LockMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A victim is interrupted once per deadlock, however long it takes to wake: on a loaded machine a scan can
 * come round while the victim's wait is still drawn, and a second interrupt would then reach it after it had
 * taken the first as "retry", ending its transfer (LedgerStressTest's naive mode once abandoned one that way).
 */
class DeadlockWatchdogTest {

    @Test
    void aVictimSlowToWakeIsInterruptedOnceAndNotAgainByTheNextScans() throws Exception {
        WaitForGraph waits = new WaitForGraph();
        LockStats stats = new LockStats(new SimpleMeterRegistry(), LockMode.NAIVE);
        AccountLock first = new AccountLock();
        AccountLock second = new AccountLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger interrupts = new AtomicInteger();
        CountDownLatch interrupted = new CountDownLatch(1);

        // One side of the cycle really waits, interruptibly, for the lock the victim holds.
        Thread waiter = Thread.ofPlatform().name("waiter").start(() -> {
            first.lock();
            try {
                bothHold.countDown();
                bothHold.await(); // the victim holds the other lock before this one asks for it
                waits.waiting(Thread.currentThread(), second);
                second.lockInterruptibly();
                second.unlock();
            } catch (InterruptedException e) {
                // not the victim: never interrupted
            } finally {
                waits.done(Thread.currentThread());
                first.unlock();
            }
        });
        // The victim (started later: the higher id) is drawn waiting for the other lock, but stays parked and only
        // counts the interrupts it gets: a thread that has not yet run since it was woken.
        Thread victim = Thread.ofPlatform().name("victim").start(() -> {
            second.lock();
            try {
                bothHold.countDown();
                waits.waiting(Thread.currentThread(), first); // drawn waiting; never asks the lock itself
                while (release.getCount() > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    if (Thread.interrupted()) {
                        interrupts.incrementAndGet();
                        interrupted.countDown();
                    }
                }
            } finally {
                waits.done(Thread.currentThread());
                second.unlock();
            }
        });
        assertThat(bothHold.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.threadId()).isGreaterThan(waiter.threadId());

        try (DeadlockWatchdog watchdog = new DeadlockWatchdog(waits, stats, Duration.ofHours(1))) {
            // Drawn cycles are broken when two scans in a row see them: the first scan only notes it.
            awaitDrawn(waits, victim, waiter);
            watchdog.scan();
            watchdog.scan();
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the victim interrupted").isTrue();
            watchdog.scan();
            watchdog.scan();

            assertThat(interrupts).as("interrupts the victim got for one deadlock").hasValue(1);
            assertThat(stats.deadlocksBroken()).isEqualTo(1);
            assertThat(watchdog.wasVictim(victim)).as("marked until it says it woke").isTrue();
        } finally {
            release.countDown();
            victim.join(10_000);
            waiter.join(10_000);
        }
        assertThat(victim.isAlive() || waiter.isAlive()).isFalse();
    }

    /** Waits until both threads are drawn waiting on each other: the cycle the scans must find. */
    private static void awaitDrawn(WaitForGraph waits, Thread victim, Thread waiter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(waits.edges().get(victim) == waiter && waits.edges().get(waiter) == victim)) {
            assertThat(System.nanoTime()).as("both drawn waiting on each other").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
