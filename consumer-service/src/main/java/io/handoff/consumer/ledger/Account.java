package io.handoff.consumer.ledger;

/** One account of the bank: a balance and the lock that guards it. */
final class Account {

    final int id;
    /** Guards {@link #balance} in every mode but {@code unsafe}, whose point is not to. */
    final AccountLock lock;
    private final LockStats stats;
    private long balance;

    Account(int id, long openingBalance, LockStats stats) {
        this.id = id;
        this.lock = new AccountLock();
        this.stats = stats;
        this.balance = openingBalance;
    }

    /** The balance, read without the lock: only {@code unsafe} transfers and locked callers use this. */
    long read() {
        return balance;
    }

    /** Overwrites the balance without the lock: the second half of the lost-update race. */
    void write(long value) {
        balance = value;
    }

    /**
     * Adds to the balance under this account's lock. Transfers call it while already holding that lock, so
     * this acquisition is a re-entry (hold count 2): what {@code ReentrantLock} exists to allow.
     */
    void adjust(long delta) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                stats.reentered();
            }
            balance += delta;
        } finally {
            lock.unlock();
        }
    }
}
