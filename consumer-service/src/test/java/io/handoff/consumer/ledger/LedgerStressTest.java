package io.handoff.consumer.ledger;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.message.Transfer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads, a million transfers, eight hot accounts: every transfer contends. Outcomes stated as data:
 * money lost or invented in a safe mode is FORBIDDEN; in {@code unsafe} mode it is the expected result.
 * Tagged {@code stress}: the whole suite runs it, the quick tier ({@code ./handoff test quick}) leaves its
 * 15-20 s out.
 */
@org.junit.jupiter.api.Tag("stress")
class LedgerStressTest {

    static final int THREADS = 8;
    static final int TRANSFERS = 1_000_000;
    static final int ACCOUNTS = 8;
    static final long OPENING = 1_000_000;
    static final int NAIVE_TRANSFERS = 40_000;

    static Ledger ledger(LockMode mode, Duration watchdog) {
        return new Ledger(ACCOUNTS, OPENING, mode, Duration.ofNanos(1_000), Duration.ofNanos(200_000), watchdog,
                new SimpleMeterRegistry());
    }

    /** Runs {@code perThread} random hot transfers on each of {@code threads} threads of the given kind. */
    static void hammer(Ledger ledger, boolean virtual, int threads, int perThread) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        Thread.Builder builder = virtual ? Thread.ofVirtual().name("worker-", 0) : Thread.ofPlatform().name("worker-", 0);
        for (int t = 0; t < threads; t++) {
            workers.add(builder.start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < perThread; i++) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    try {
                        ledger.transfer(new Transfer(from, to, 1 + random.nextInt(100)));
                    } catch (InterruptedException e) {
                        failures.incrementAndGet();
                        return;
                    }
                }
            }));
        }
        try {
            for (Thread worker : workers) {
                worker.join(Duration.ofMinutes(2));
                assertThat(worker.isAlive()).as("%s finished in time", worker.getName()).isFalse();
            }
        } finally {
            workers.forEach(Thread::interrupt); // a stuck run must not leave threads behind for the next test
        }
        assertThat(failures).as("transfers abandoned").hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = LockMode.class, names = {"ORDERED", "TRYLOCK"})
    void safeModesConserveEveryCentAcrossAMillionContendedTransfers(LockMode mode) throws InterruptedException {
        try (Ledger ledger = ledger(mode, null)) {
            hammer(ledger, false, THREADS, TRANSFERS / THREADS);

            LedgerTotals totals = ledger.totals();
            assertThat(totals.drift()).as("money lost or invented in %s mode: FORBIDDEN", mode).isZero();
            // Every transfer adjusts both accounts under locks it already holds: two re-entries each.
            assertThat(ledger.stats().reentries()).isEqualTo(2L * TRANSFERS);
            if (mode == LockMode.TRYLOCK) {
                assertThat(ledger.stats().tryLockTimeouts()).as("timeouts backed off from").isPositive();
            }
        }
    }

    /**
     * Naive locking on eight hot accounts deadlocks over and over; each deadlock costs a watchdog interval,
     * so this runs fewer transfers than the other modes, and shows every one of them still lands.
     */
    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    void naiveLockingWithTheWatchdogBreaksEveryDeadlockAndConserves(boolean virtual) throws InterruptedException {
        try (Ledger ledger = ledger(LockMode.NAIVE, Duration.ofMillis(5))) {
            hammer(ledger, virtual, THREADS, NAIVE_TRANSFERS / THREADS);

            assertThat(ledger.totals().drift()).as("money lost or invented: FORBIDDEN").isZero();
            assertThat(ledger.stats().reentries()).as("every transfer completed").isEqualTo(2L * NAIVE_TRANSFERS);
            assertThat(ledger.stats().deadlocksBroken()).as("deadlocks found and broken").isPositive();
        }
    }

    @Test
    void unsafeModeLosesUpdatesAndTheLedgerDrifts() throws InterruptedException {
        try (Ledger ledger = ledger(LockMode.UNSAFE, null)) {
            hammer(ledger, false, THREADS, TRANSFERS / THREADS);

            assertThat(ledger.totals().drift()).as("lost updates: EXPECTED in unsafe mode").isNotZero();
            assertThat(ledger.stats().reentries()).as("unsafe takes no locks").isZero();
        }
    }

    @Test
    void aTransferMovesMoneyWithoutMakingOrLosingAny() throws InterruptedException {
        try (Ledger ledger = ledger(LockMode.ORDERED, null)) {
            ledger.transfer(new Transfer(0, 2, 40));

            assertThat(ledger.totals()).isEqualTo(new LedgerTotals(ACCOUNTS, ACCOUNTS * OPENING, ACCOUNTS * OPENING));
        }
    }

    @Test
    void everySnapshotTakenWhileTransfersRunAddsUp() throws InterruptedException {
        try (Ledger ledger = ledger(LockMode.ORDERED, null)) {
            List<Long> drifts = new ArrayList<>();
            Thread auditor = Thread.ofPlatform().name("auditor").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    drifts.add(ledger.totals().drift());
                }
            });
            hammer(ledger, false, THREADS, TRANSFERS / THREADS / 4);
            auditor.interrupt();
            auditor.join();

            assertThat(drifts).as("snapshots taken mid-run").hasSizeGreaterThan(10).containsOnly(0L);
        }
    }
}
