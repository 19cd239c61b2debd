package io.handoff.consumer.ledger;

import java.time.Duration;

/**
 * Moves money between two accounts, taking as long as a real posting does between reading a balance and
 * writing it back (validation, fees, a journal line: {@code handoff.consumer.lock.posting-time}). That window
 * is the lock's hold time in the safe modes, and the race window in {@code unsafe}.
 */
final class Posting {

    private final long windowNanos;

    Posting(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** For callers holding both locks: each adjustment re-enters its account's lock. */
    void guarded(Account from, Account to, long amount) {
        from.adjust(-amount);
        pause();
        to.adjust(amount);
    }

    /**
     * For callers that have just taken both accounts' locks, {@code inner} last: posts, releases {@code inner},
     * and records how long the locks took to get (since {@code askedNanos}) and how long they were held.
     */
    void guardedThenRelease(Account from, Account to, long amount, AccountLock inner, long askedNanos,
            LockStats stats) {
        long held = System.nanoTime();
        stats.waited(held - askedNanos);
        try {
            guarded(from, to, amount);
        } finally {
            inner.unlock();
            stats.held(System.nanoTime() - held);
        }
    }

    /** Without locks: read both, pause, write both. Another transfer in the window is overwritten. */
    void unguarded(Account from, Account to, long amount) {
        long fromBalance = from.read();
        long toBalance = to.read();
        pause();
        from.write(fromBalance - amount);
        to.write(toBalance + amount);
    }

    private void pause() {
        long until = System.nanoTime() + windowNanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait(); // busy, as computation is: the thread keeps its core and its locks
        }
    }
}
