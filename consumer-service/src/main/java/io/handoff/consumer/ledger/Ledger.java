package io.handoff.consumer.ledger;

import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.message.Transfer;

/**
 * The process's bank: a fixed set of accounts that transfers move money between.
 *
 * <p>Each account has its own lock, so transfers on disjoint accounts run in parallel. A transfer takes
 * both of its locks in one global order (lower account number first): two transfers can then never each
 * hold the lock the other waits for, so this ledger cannot deadlock.
 */
public final class Ledger {

    private final Account[] accounts;
    private final long openingBalance;

    public Ledger(int accounts, long openingBalance) {
        if (accounts < 2) {
            throw new IllegalArgumentException("handoff.ledger.accounts must be at least 2, got " + accounts);
        }
        this.accounts = new Account[accounts];
        for (int i = 0; i < accounts; i++) {
            this.accounts[i] = new Account(openingBalance);
        }
        this.openingBalance = openingBalance;
    }

    public int size() {
        return accounts.length;
    }

    /** Whether both ends of the transfer are accounts of this ledger. */
    public boolean holds(Transfer transfer) {
        return transfer.from() < accounts.length && transfer.to() < accounts.length;
    }

    /** Moves the amount from one account to the other, atomically with respect to every other transfer. */
    public void transfer(Transfer transfer) {
        Account first = accounts[Math.min(transfer.from(), transfer.to())];
        Account second = accounts[Math.max(transfer.from(), transfer.to())];
        first.lock.lock();
        try {
            second.lock.lock();
            try {
                accounts[transfer.from()].add(-transfer.amount());
                accounts[transfer.to()].add(transfer.amount());
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }

    /**
     * Sums every balance while holding every lock (taken in the same global order as transfers), so the
     * total is a consistent snapshot even while transfers run.
     */
    public LedgerTotals totals() {
        int locked = 0;
        try {
            long total = 0;
            for (Account account : accounts) {
                account.lock.lock();
                locked++;
                total += account.balance();
            }
            return new LedgerTotals(accounts.length, total, openingBalance * accounts.length);
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                accounts[i].lock.unlock();
            }
        }
    }
}
