package io.handoff.consumer.ledger;

import java.util.concurrent.locks.ReentrantLock;

/** One account of the bank: a balance and the lock that guards it. */
final class Account {

    /** Guards {@link #balance}: held by whoever reads or moves this account's money. */
    final ReentrantLock lock = new ReentrantLock();

    /** Guarded by {@link #lock}. */
    private long balance;

    Account(long openingBalance) {
        this.balance = openingBalance;
    }

    long balance() {
        assert lock.isHeldByCurrentThread();
        return balance;
    }

    void add(long amount) {
        assert lock.isHeldByCurrentThread();
        balance += amount;
    }
}
