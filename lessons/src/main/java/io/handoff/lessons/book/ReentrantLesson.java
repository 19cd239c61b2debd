package io.handoff.lessons.book;

import io.handoff.consumer.ledger.Ledger;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.config.LockMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * A lock taken twice by the thread that holds it: a non-reentrant lock hangs (caught here by watching the
 * thread make no progress), a reentrant one counts a hold of 2. The ledger's transfers re-enter each account's
 * lock on purpose, and count it.
 */
public final class ReentrantLesson implements Lesson {

    static final long HANG_PATIENCE_MS = 500;
    static final int TRANSFERS = 2_000;

    @Override
    public String name() {
        return "rlock";
    }

    @Override
    public Forms forms() {
        return new Forms("threading.RLock()", "ReentrantLock");
    }

    @Override
    public String idea() {
        return "Lock vs RLock: a plain lock taken twice hangs (detected), a reentrant one does not";
    }

    @Override
    public String python() {
        return "threading.Lock() acquired twice by one thread blocks forever; threading.RLock() does not";
    }

    @Override
    public String java() {
        return "StampedLock.asWriteLock() (not reentrant) vs ReentrantLock, which the ledger's accounts use";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("plain-lock-hung", "the second acquire of a plain lock never returned (stopped here)"),
                Outcome.forbidden("plain-lock-reentered", "a non-reentrant lock let its holder in twice"),
                Outcome.acceptable("reentrant-reentered", "a transfer re-entered an account lock it held"),
                Outcome.forbidden("reentrant-hung", "a reentrant lock blocked its own holder"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        Lock plain = new StampedLock().asWriteLock();
        Thread holder = Thread.ofPlatform().name("lesson-plain-lock").start(() -> {
            plain.lock();
            try {
                plain.lockInterruptibly(); // the same thread, the same lock: waits for itself
                plain.unlock();
            } catch (InterruptedException e) {
                // stopped by the lesson: the hang was seen
            } finally {
                plain.unlock();
            }
        });
        holder.join(HANG_PATIENCE_MS);
        lab.say("plain lock: '%s' holds it and asked again; after %d ms it is %s", holder.getName(), HANG_PATIENCE_MS,
                holder.isAlive() ? holder.getState() + " (parked, waiting for itself): a hang" : "done");
        if (holder.isAlive()) {
            lab.observe("plain-lock-hung");
            holder.interrupt();
            holder.join();
        } else {
            lab.observe("plain-lock-reentered");
        }

        try (Ledger ledger = new Ledger(4, 1_000, LockMode.ORDERED, Duration.ZERO, Duration.ofMillis(5), null,
                new SimpleMeterRegistry())) {
            if (!Transfers.hammerWithin(ledger, 1, TRANSFERS, lab.seed(), Duration.ofSeconds(20))) {
                lab.say("ledger: the transfers are stuck after 20 s");
                lab.observe("reentrant-hung");
                return;
            }
            long reentries = ledger.stats().reentries();
            lab.say("ledger, ordered mode: %,d transfers; each holds both accounts' locks and adjusts both balances,", TRANSFERS);
            lab.say("and each adjust takes its account's lock again: %,d re-entries (hold count 2), no hang", reentries);
            lab.observe("reentrant-reentered", reentries);
            lab.figure("reentries", reentries);
        }
        lab.notice("A plain lock does not know who holds it, so its holder asking again waits for itself forever.");
        lab.notice("ReentrantLock keeps an owner and a hold count: the owner gets in again and must unlock as often.");
        lab.notice("Re-entry lets a locked method call another locked method on the same object (Account.adjust).");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.ledger.Account.adjust re-enters AccountLock (a ReentrantLock)",
                "./handoff run --items 20000", "the report's consumers[].concurrency.reentries = 2 x processed");
    }
}
