package io.handoff.lessons.book;

import io.handoff.consumer.ledger.Ledger;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.config.LockMode;
import io.handoff.shared.message.LedgerTotals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;

/**
 * The deadlock-prone order of {@code naive}, but each lock taken with a timeout: a thread that does not get
 * its second lock in time lets go of the first, waits a random moment, and tries again. Progress by retries.
 */
public final class LockTimeoutLesson implements Lesson {

    static final int THREADS = 4;
    static final int EACH = 2_000;
    static final int ROUNDS = 20;

    @Override
    public String name() {
        return "lock-timeout";
    }

    @Override
    public Forms forms() {
        return new Forms("Lock.acquire(timeout=...)", "tryLock(timeout)");
    }

    @Override
    public String idea() {
        return "a lock with a timeout: give up, back off, retry; progress counted";
    }

    @Override
    public String python() {
        return "if lock.acquire(timeout=0.001): ... else: back off and retry";
    }

    @Override
    public String java() {
        return "ReentrantLock.tryLock(1, MILLISECONDS), the ledger's --lock-mode trylock";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.interesting("timed-out-and-retried", "a tryLock gave up; its thread released, backed off, retried"),
                Outcome.acceptable("all-transfers-done", "every transfer finished"),
                Outcome.forbidden("transfers-stuck", "transfers still stuck after 60 s"),
                Outcome.forbidden("money-changed", "the ledger's total moved"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        lab.say("2 accounts, %d threads x %,d transfers in random directions; locks in arrival order, tryLock(1 ms)",
                THREADS, EACH);
        try (Ledger ledger = new Ledger(2, 1_000_000, LockMode.TRYLOCK, Duration.ofNanos(20_000), Duration.ofMillis(1),
                null, new SimpleMeterRegistry())) {
            long started = System.nanoTime();
            int rounds = 0;
            // Rounds until some tryLock has timed out (one round nearly always does): the retry is the lesson.
            while (rounds < ROUNDS && (rounds == 0 || ledger.stats().tryLockTimeouts() == 0)) {
                if (!Transfers.hammerWithin(ledger, THREADS, EACH, lab.seed() + rounds++, Duration.ofSeconds(60))) {
                    lab.observe("transfers-stuck");
                    return;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long timeouts = ledger.stats().tryLockTimeouts();
            LedgerTotals totals = ledger.totals();
            lab.say("%,d transfers in %.2f s; tryLock timed out %,d times (%.1f per 100 transfers); total %,d of %,d",
                    rounds * THREADS * EACH, seconds, timeouts, 100.0 * timeouts / (rounds * THREADS * EACH), totals.total(),
                    totals.expectedTotal());
            lab.observe("timed-out-and-retried", timeouts);
            lab.observe("all-transfers-done");
            if (!totals.conserved()) {
                lab.observe("money-changed");
            }
            lab.figure("timeouts", timeouts);
        }
        lab.notice("The order that deadlocks in 'deadlock' cannot hang here: no wait lasts longer than the timeout.");
        lab.notice("The price is wasted work: each timeout gives back a lock and sleeps a random moment (so two threads");
        lab.notice("in a cycle do not retry in lockstep, which would be a livelock).");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.ledger.TryLockBackoff (consumer-service), metric handoff_lock_trylock_timeouts_total",
                "./handoff run --lock-mode trylock --hot-accounts 2 --items 20000", "the report counts tryLockTimeouts");
    }
}
