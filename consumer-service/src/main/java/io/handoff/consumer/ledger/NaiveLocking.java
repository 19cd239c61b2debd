package io.handoff.consumer.ledger;

import io.handoff.shared.context.WorkContext;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code naive}: lock the paying account, then the receiving one, waiting as long as it takes. Transfer
 * A→B on one worker and B→A on another each take their first lock and wait forever for the second: a
 * deadlock. The waits are interruptible; the {@link DeadlockWatchdog} finds each cycle and interrupts one
 * thread in it, which lets go, backs off, and tries again. Without the watchdog the workers stay stuck.
 */
final class NaiveLocking implements TransferLocking {

    private static final Logger LOG = Logger.getLogger(NaiveLocking.class);
    private static final long MAX_BACKOFF_NANOS = Duration.ofMillis(2).toNanos();

    private final Posting posting;
    private final LockStats stats;
    private final WaitForGraph waits;
    private final DeadlockWatchdog watchdog;

    /** @param watchdog the watchdog that breaks cycles, or null to leave deadlocks in place */
    NaiveLocking(Posting posting, LockStats stats, WaitForGraph waits, DeadlockWatchdog watchdog) {
        this.posting = posting;
        this.stats = stats;
        this.waits = waits;
        this.watchdog = watchdog;
    }

    @Override
    public void transfer(Account from, Account to, long amount) throws InterruptedException {
        long asked = System.nanoTime();
        boolean backOff = false;
        try {
            while (true) {
                try {
                    if (backOff) {
                        // Inside the try: a victim interrupt that lands during the back-off means "retry" too.
                        Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(1, MAX_BACKOFF_NANOS)));
                    }
                    acquire(from.lock);
                    try {
                        acquire(to.lock);
                        posting.guardedThenRelease(from, to, amount, to.lock, asked, stats);
                        return;
                    } finally {
                        from.lock.unlock();
                    }
                } catch (InterruptedException e) {
                    if (watchdog == null || !watchdog.wasVictim(Thread.currentThread())) {
                        throw e; // a real interrupt: the service is stopping
                    }
                    // The item being retried is known here without being passed: the thread's WorkContext.
                    LOG.debugf("deadlock victim, retrying %s",
                            WorkContext.current().map(WorkContext::traceId).orElse("(no item)"));
                    backOff = true;
                }
            }
        } finally {
            if (watchdog != null && watchdog.wasVictim(Thread.currentThread())) {
                Thread.interrupted(); // chosen as a victim just as its wait ended: drop the stray interrupt
            }
        }
    }

    /** Waits for a lock interruptibly, telling the wait-for graph who this thread waits on meanwhile. */
    private void acquire(AccountLock lock) throws InterruptedException {
        waits.waiting(Thread.currentThread(), lock);
        try {
            lock.lockInterruptibly();
        } finally {
            waits.done(Thread.currentThread());
        }
    }
}
