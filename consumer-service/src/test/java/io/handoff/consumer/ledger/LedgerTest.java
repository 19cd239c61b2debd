package io.handoff.consumer.ledger;

import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.message.Transfer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTest {

    private static final int THREADS = 8;
    private static final int TRANSFERS_PER_THREAD = 125_000; // 1,000,000 in all
    private static final int HOT_ACCOUNTS = 8;               // few accounts: every transfer contends

    @Test
    void aTransferMovesMoneyWithoutMakingOrLosingAny() {
        Ledger ledger = new Ledger(3, 100);

        ledger.transfer(new Transfer(0, 2, 40));

        assertThat(ledger.totals()).isEqualTo(new LedgerTotals(3, 300, 300));
    }

    @Test
    void conservesMoneyUnderAMillionConcurrentTransfersOnHotAccounts() throws Exception {
        Ledger ledger = new Ledger(HOT_ACCOUNTS, 1_000);

        runConcurrently(ledger, new AtomicBoolean());

        LedgerTotals totals = ledger.totals();
        assertThat(totals.drift()).as("money lost or invented: FORBIDDEN").isZero();
        assertThat(totals.total()).isEqualTo(HOT_ACCOUNTS * 1_000L);
    }

    @Test
    void everySnapshotTakenDuringTransfersAddsUp() throws Exception {
        Ledger ledger = new Ledger(HOT_ACCOUNTS, 1_000);
        AtomicBoolean finished = new AtomicBoolean();
        List<Long> snapshots = new ArrayList<>();
        Thread auditor = Thread.ofPlatform().name("auditor").start(() -> {
            while (!finished.get()) {
                snapshots.add(ledger.totals().drift());
            }
        });

        runConcurrently(ledger, finished);
        auditor.join();

        assertThat(snapshots).as("snapshots taken while transfers ran").hasSizeGreaterThan(10).containsOnly(0L);
    }

    private static void runConcurrently(Ledger ledger, AtomicBoolean finished) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
                        int from = random.nextInt(HOT_ACCOUNTS);
                        int to = (from + 1 + random.nextInt(HOT_ACCOUNTS - 1)) % HOT_ACCOUNTS;
                        ledger.transfer(new Transfer(from, to, 1 + random.nextInt(50)));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            finished.set(true);
        }
    }
}
