package io.handoff.consumer.ledger;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.message.Transfer;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Optional;

/**
 * The process's bank: a fixed set of accounts that transfers move money between, guarded as the configured
 * {@link LockMode} says. Each account has its own lock, so transfers on disjoint accounts run in parallel.
 */
public final class Ledger implements AutoCloseable {

    private final Account[] accounts;
    private final long openingBalance;
    private final LockMode mode;
    private final LockStats stats;
    private final TransferLocking locking;
    private final DeadlockWatchdog watchdog;

    /**
     * @param postingTime how long a transfer takes between reading and writing balances
     * @param tryTimeout  how long {@code trylock} waits for a lock before backing off
     * @param watchdogEvery how often {@code naive} looks for deadlocks; null for no watchdog at all
     */
    public Ledger(int accounts, long openingBalance, LockMode mode, Duration postingTime, Duration tryTimeout,
            Duration watchdogEvery, MeterRegistry registry) {
        if (accounts < 2) {
            throw new IllegalArgumentException("handoff.ledger.accounts must be at least 2, got " + accounts);
        }
        this.stats = new LockStats(registry, mode);
        this.accounts = new Account[accounts];
        for (int i = 0; i < accounts; i++) {
            this.accounts[i] = new Account(i, openingBalance, stats);
        }
        this.openingBalance = openingBalance;
        this.mode = mode;
        Posting posting = new Posting(postingTime);
        WaitForGraph waits = new WaitForGraph();
        this.watchdog = mode == LockMode.NAIVE && watchdogEvery != null
                ? new DeadlockWatchdog(waits, stats, watchdogEvery) : null;
        this.locking = switch (mode) {
            case UNSAFE -> new UnsafeTransfers(posting);
            case ORDERED -> new OrderedLocking(posting, stats);
            case TRYLOCK -> new TryLockBackoff(posting, stats, tryTimeout);
            case NAIVE -> new NaiveLocking(posting, stats, waits, watchdog);
        };
    }

    public int size() {
        return accounts.length;
    }

    public LockMode mode() {
        return mode;
    }

    public LockStats stats() {
        return stats;
    }

    /** Whether both ends of the transfer are accounts of this ledger. */
    public boolean holds(Transfer transfer) {
        return transfer.from() < accounts.length && transfer.to() < accounts.length;
    }

    /** Moves the amount from one account to the other, guarded as this ledger's lock mode guards it. */
    public void transfer(Transfer transfer) throws InterruptedException {
        locking.transfer(accounts[transfer.from()], accounts[transfer.to()], transfer.amount());
    }

    /**
     * Sums every balance while holding every lock: a consistent snapshot in every locked mode, even mid-run.
     * It takes the locks with {@code tryLock} and starts over when one is busy, so it can never deadlock with
     * transfers, whatever order they lock in. In {@code unsafe} mode transfers take no locks, so a mid-run sum
     * may catch one half-done.
     */
    public LedgerTotals totals() {
        return snapshot(false, 0).orElseThrow();
    }

    /**
     * The same snapshot, or empty if the locks stay busy longer than {@code patience}: in {@code naive} mode
     * without the watchdog, deadlocked workers hold theirs for good, and a periodic reader must not wait forever.
     */
    public Optional<LedgerTotals> totalsWithin(Duration patience) {
        return snapshot(true, System.nanoTime() + patience.toNanos());
    }

    private Optional<LedgerTotals> snapshot(boolean bounded, long deadlineNanos) {
        while (true) {
            int locked = 0;
            try {
                long total = 0;
                for (Account account : accounts) {
                    if (!account.lock.tryLock()) {
                        break;
                    }
                    locked++;
                    total += account.read();
                }
                if (locked == accounts.length) {
                    return Optional.of(new LedgerTotals(accounts.length, total, openingBalance * accounts.length));
                }
            } finally {
                for (int i = locked - 1; i >= 0; i--) {
                    accounts[i].lock.unlock();
                }
            }
            if (bounded && System.nanoTime() - deadlineNanos > 0) {
                return Optional.empty();
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
        }
    }
}
