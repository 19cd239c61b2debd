package io.handoff.consumer.ledger;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code trylock}: take the locks in arrival order (which alone could deadlock), but with
 * {@code tryLock(timeout)}. When the second lock does not come in time, let go of the first, wait a random
 * moment (so two threads in a cycle do not retry in lockstep), and start again.
 */
final class TryLockBackoff implements TransferLocking {

    private final Posting posting;
    private final LockStats stats;
    private final long timeoutNanos;

    TryLockBackoff(Posting posting, LockStats stats, Duration timeout) {
        this.posting = posting;
        this.stats = stats;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void transfer(Account from, Account to, long amount) throws InterruptedException {
        long asked = System.nanoTime();
        while (true) {
            if (from.lock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                try {
                    if (to.lock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                        posting.guardedThenRelease(from, to, amount, to.lock, asked, stats);
                        return;
                    }
                } finally {
                    from.lock.unlock();
                }
            }
            stats.tryLockTimedOut();
            Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(1, timeoutNanos + 1)));
        }
    }
}
