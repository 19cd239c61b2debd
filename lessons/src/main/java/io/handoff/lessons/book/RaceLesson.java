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
 * The lost update, on the consumer's own ledger: {@code unsafe} (read, pause, write, no lock) against
 * {@code ordered} (each account's lock), the same transfers on the same threads.
 */
public final class RaceLesson implements Lesson {

    static final int THREADS = 4;
    static final int EACH = 50_000;
    static final int ROUNDS = 3;
    static final long OPENING = 100_000;
    static final int ACCOUNTS = 4;

    @Override
    public String name() {
        return "race";
    }

    @Override
    public Forms forms() {
        return new Forms("threading.Lock()", "Ledger: unsafe vs ordered");
    }

    @Override
    public String idea() {
        return "lost updates counted unguarded, none under a lock";
    }

    @Override
    public String python() {
        return "balance += n; balance -= n in threads, then with threading.Lock(): with lock: balance += n";
    }

    @Override
    public String java() {
        return "the consumer's Ledger in --lock-mode unsafe (no lock) and ordered (a ReentrantLock per account)";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.interesting("unguarded-money-changed", "without a lock, the total moved: updates were lost"),
                Outcome.acceptable("unguarded-exact", "without a lock, the total held this time (luck, not proof)"),
                Outcome.acceptable("guarded-exact", "with the locks, the total is exactly what it was"),
                Outcome.forbidden("guarded-money-changed", "with the locks, money was made or lost"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        lab.say("%d accounts of %,d each; %d threads x %,d transfers of 1 between random pairs, all let go at once", ACCOUNTS,
                OPENING, THREADS, EACH);
        long worst = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            LedgerTotals unguarded = round(LockMode.UNSAFE, lab.seed() + round);
            worst = Math.max(worst, Math.abs(unguarded.drift()));
            lab.say("unsafe,  round %d: expected %,d, got %,d (%+,d)", round, unguarded.expectedTotal(), unguarded.total(),
                    unguarded.drift());
            lab.observe(unguarded.conserved() ? "unguarded-exact" : "unguarded-money-changed");
        }
        for (int round = 1; round <= ROUNDS; round++) {
            LedgerTotals guarded = round(LockMode.ORDERED, lab.seed() + round);
            lab.say("ordered, round %d: expected %,d, got %,d (%+,d)", round, guarded.expectedTotal(), guarded.total(),
                    guarded.drift());
            lab.observe(guarded.conserved() ? "guarded-exact" : "guarded-money-changed");
        }
        lab.tries(ROUNDS);
        lab.figure("worstUnguardedDrift", worst);
        lab.notice("A transfer reads two balances, works, writes them back: another thread's write in between is overwritten.");
        lab.notice("Money moves between accounts and is never made, so any change of the total is a lost update.");
        lab.notice("The lock makes read-work-write one step as other threads see it; the cost is waiting (see 'lock-timeout').");
    }

    private static LedgerTotals round(LockMode mode, long seed) throws InterruptedException {
        try (Ledger ledger = new Ledger(ACCOUNTS, OPENING, mode, Duration.ofNanos(200), Duration.ofMillis(5), null,
                new SimpleMeterRegistry())) {
            Transfers.hammer(ledger, THREADS, EACH, seed);
            return ledger.totals();
        }
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.ledger.Ledger, --lock-mode (consumer-service): the audit checks its drift",
                "./handoff run --lock-mode unsafe --items 50000", "the run fails its audit (drift); with --lock-mode ordered it passes");
    }
}
