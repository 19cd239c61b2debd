package io.handoff.consumer.ledger;

/**
 * {@code ordered}: take both account locks, always the lower account number first. A deadlock needs two
 * threads each holding what the other waits for; with one global order, the thread holding the lower lock
 * never waits for it, so no cycle can form.
 */
final class OrderedLocking implements TransferLocking {

    private final Posting posting;
    private final LockStats stats;

    OrderedLocking(Posting posting, LockStats stats) {
        this.posting = posting;
        this.stats = stats;
    }

    @Override
    public void transfer(Account from, Account to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = first == from ? to : from;
        long asked = System.nanoTime();
        first.lock.lock();
        try {
            second.lock.lock();
            posting.guardedThenRelease(from, to, amount, second.lock, asked, stats);
        } finally {
            first.lock.unlock();
        }
    }
}
