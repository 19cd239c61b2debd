package io.handoff.lessons.book;

import io.handoff.consumer.ledger.Ledger;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.config.LockMode;
import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.message.Transfer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;

/**
 * Two threads transferring in opposite directions on the ledger's {@code naive} mode (lock the payer, then the
 * payee): first without the watchdog, until the JVM's own detector reports the cycle; then with the pipeline's
 * {@code DeadlockWatchdog}, which breaks each cycle by interrupting one thread, which backs off and retries.
 */
public final class DeadlockLesson implements Lesson {

    static final long FIND_WITHIN_MS = 10_000;
    static final int EACH = 1_000;
    static final int ROUNDS = 20;

    @Override
    public String name() {
        return "deadlock";
    }

    @Override
    public Forms forms() {
        return new Forms("(no detector)", "ThreadMXBean, DeadlockWatchdog");
    }

    @Override
    public String idea() {
        return "two locks taken in opposite order: deadlock detected, its cycle printed, broken";
    }

    @Override
    public String python() {
        return "with a: with b: ...  in one thread, with b: with a: ... in another (Python has no detector)";
    }

    @Override
    public String java() {
        return "ThreadMXBean.findDeadlockedThreads() (what jstack prints), the ledger's naive mode and its DeadlockWatchdog";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.interesting("deadlock-found", "without the watchdog, two threads waited for each other for good"),
                Outcome.interesting("deadlock-broken", "the watchdog found a cycle and interrupted one thread in it"),
                Outcome.acceptable("all-transfers-done", "with the watchdog, every transfer finished"),
                Outcome.forbidden("transfers-stuck", "with the watchdog, transfers still stuck after 60 s"),
                Outcome.forbidden("money-changed", "the ledger's total moved"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        lab.say("1. naive locking, no watchdog: 'lesson-ab' pays 0 -> 1, 'lesson-ba' pays 1 -> 0, in a loop");
        try (Ledger ledger = new Ledger(2, 1_000_000, LockMode.NAIVE, Duration.ZERO, Duration.ofMillis(5), null,
                new SimpleMeterRegistry())) {
            Thread ab = loop(ledger, "lesson-ab", new Transfer(0, 1, 1));
            Thread ba = loop(ledger, "lesson-ba", new Transfer(1, 0, 1));
            long started = System.nanoTime();
            long[] stuck = null;
            while (stuck == null && System.nanoTime() - started < FIND_WITHIN_MS * 1_000_000) {
                Thread.sleep(10);
                stuck = mx.findDeadlockedThreads();
            }
            if (stuck == null) {
                lab.say("no deadlock within %d s this time", FIND_WITHIN_MS / 1000);
            } else {
                lab.say("found after %d ms. As jstack prints it:", (System.nanoTime() - started) / 1_000_000);
                lab.say("Found one Java-level deadlock:");
                for (ThreadInfo info : mx.getThreadInfo(stuck)) {
                    lab.say("  \"%s\": %s, waiting for %s, which is held by \"%s\"", info.getThreadName(),
                            info.getThreadState(), info.getLockName(), info.getLockOwnerName());
                }
                lab.observe("deadlock-found");
            }
            ab.interrupt(); // naive mode without a watchdog takes an interrupt as "stop": both give up their locks
            ba.interrupt();
            ab.join();
            ba.join();
            lab.say("both interrupted: their waits were interruptible (lockInterruptibly), so they let go and ended");
        }

        lab.say("");
        lab.say("2. the same, with the pipeline's DeadlockWatchdog scanning every 10 ms: rounds of 2 threads x %,d",
                EACH);
        lab.say("   random transfers, until the watchdog has broken a deadlock (at most %d rounds)", ROUNDS);
        try (Ledger ledger = new Ledger(2, 1_000_000, LockMode.NAIVE, Duration.ZERO, Duration.ofMillis(5),
                Duration.ofMillis(10), new SimpleMeterRegistry())) {
            int rounds = 0;
            while (rounds < ROUNDS && (rounds == 0 || ledger.stats().deadlocksBroken() == 0)) {
                if (!Transfers.hammerWithin(ledger, 2, EACH, lab.seed() + rounds++, Duration.ofSeconds(60))) {
                    lab.observe("transfers-stuck");
                    return;
                }
            }
            long broken = ledger.stats().deadlocksBroken();
            LedgerTotals totals = ledger.totals();
            lab.say("%d round(s), every transfer done; deadlocks broken: %d; total %,d of %,d", rounds, broken,
                    totals.total(), totals.expectedTotal());
            lab.observe("deadlock-broken", broken);
            lab.observe("all-transfers-done");
            if (!totals.conserved()) {
                lab.observe("money-changed");
            }
            lab.figure("deadlocksBroken", broken);
        }
        lab.notice("A deadlock needs a cycle: each thread holds what the next one waits for. Nothing moves again by itself.");
        lab.notice("The JVM finds cycles among platform threads; the watchdog also draws its own graph, for virtual threads.");
        lab.notice("Breaking a cycle is a recovery, not a cure: ordered locking (one global order) makes the cycle impossible.");
    }

    private static Thread loop(Ledger ledger, String name, Transfer transfer) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                while (true) {
                    ledger.transfer(transfer);
                }
            } catch (InterruptedException e) {
                // told to stop
            }
        });
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.ledger.DeadlockWatchdog and NaiveLocking (consumer-service)",
                "./handoff run --lock-mode naive --hot-accounts 2 --items 20000", "the report counts deadlocksBroken");
    }
}
