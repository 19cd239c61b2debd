package io.handoff.lessons.book;

import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;

import java.util.List;

/** Waiting work, one after another and then concurrently: the time falls as Little's law says. */
public final class WaitingWorkLesson implements Lesson {

    static final int ITEMS = 400;
    static final int WAIT_MICROS = 5_000;

    @Override
    public String name() {
        return "waiting-work";
    }

    @Override
    public Forms forms() {
        return new Forms("ThreadPoolExecutor.map", "WorkerPool, 1 vs 20 workers");
    }

    @Override
    public String idea() {
        return "sequential vs concurrent for waiting (IO-bound) work, against Little's law";
    }

    @Override
    public String python() {
        return "for u in urls: fetch(u)  vs  ThreadPoolExecutor(20).map(fetch, urls)";
    }

    @Override
    public String java() {
        return "the consumer's WorkerPool with 1 and with 20 workers, items of --work io:5000";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("near-littles-law", "20 workers within 2x of L/W = 20 / 5 ms = 4,000 items/s"),
                Outcome.interesting("short-of-littles-law", "under half of what the law allows: the machine is busy"),
                Outcome.forbidden("no-faster", "20 waiting workers no faster than 2 times one"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        Work work = new Work(Work.Kind.IO, WAIT_MICROS);
        lab.say("%d items that each wait %d ms (a downstream call), no CPU to speak of", ITEMS, WAIT_MICROS / 1000);
        PoolRuns.Measured one = PoolRuns.run(ThreadKind.PLATFORM, 1, work, ITEMS);
        lab.say("1 worker:   %5.2f s, %,6.0f items/s (one after another: %d x 5 ms = %.1f s)", one.seconds(),
                one.perSecond(), ITEMS, ITEMS * WAIT_MICROS / 1e6);
        int workers = 20;
        PoolRuns.Measured many = PoolRuns.run(ThreadKind.PLATFORM, workers, work, ITEMS);
        double law = workers / (WAIT_MICROS / 1e6);
        lab.say("%d workers: %5.2f s, %,6.0f items/s, most in flight at once: %d", workers, many.seconds(),
                many.perSecond(), many.mostInFlight());
        lab.say("Little's law: in flight L = rate x time each W, so rate = L / W = %d / 5 ms = %,.0f items/s", workers, law);
        double speedUp = many.perSecond() / one.perSecond();
        lab.say("speed-up %.1fx; measured / law = %.2f", speedUp, many.perSecond() / law);
        lab.figure("speedUp", speedUp);
        lab.figure("ofLaw", many.perSecond() / law);
        lab.figure("mostInFlight", many.mostInFlight());
        if (speedUp < 2) {
            lab.observe("no-faster");
        } else if (many.perSecond() >= law / 2) {
            lab.observe("near-littles-law");
        } else {
            lab.observe("short-of-littles-law");
        }
        lab.notice("Waiting takes no core: 20 threads wait at once on 2 cores, so 20 waits overlap.");
        lab.notice("The law tells how many must be in flight for a rate: 4,000/s at 5 ms each needs 20.");
        lab.notice("Sleep is not exact: a wait of 5 ms is a little more, so measured/law sits a little under 1.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.work.WorkerPool running --work io:MICROS items (consumer-service)",
                "./handoff run --work io:5000 --workers 4 --items 20000", "then again with --workers 32");
    }
}
