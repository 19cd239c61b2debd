package io.handoff.lessons.book;

import io.handoff.consumer.work.OutstandingWork;
import io.handoff.consumer.work.WorkerPool;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.config.ThreadKind;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;

/**
 * The consumer's {@link OutstandingWork}: {@code begin} when records are taken, {@code done} when each is
 * finished, and a stop that waits until none is outstanding: a joinable queue's task_done and join, for work
 * that crosses threads.
 */
public final class JoinableQueueLesson implements Lesson {

    static final int TASKS = 60;

    @Override
    public String name() {
        return "joinable-queue";
    }

    @Override
    public Forms forms() {
        return new Forms("JoinableQueue.task_done/join", "OutstandingWork");
    }

    @Override
    public String idea() {
        return "task_done / join: wait until every task handed out is finished";
    }

    @Override
    public String python() {
        return "q = multiprocessing.JoinableQueue(); worker: q.task_done(); main: q.join()";
    }

    @Override
    public String java() {
        return "the consumer's OutstandingWork: begin(n), done(n), awaitNone(timeout) (an AtomicLong and a Condition)";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("join-waited-while-work-left", "a join with a short timeout gave up: work was still out"),
                Outcome.acceptable("join-returned-at-zero", "join returned once the last task was done"),
                Outcome.forbidden("join-returned-with-work-left", "join returned while a task was unfinished"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        OutstandingWork outstanding = new OutstandingWork();
        AtomicLong finished = new AtomicLong();
        try (WorkerPool pool = new WorkerPool(4, TASKS, ThreadKind.PLATFORM)) {
            outstanding.begin(TASKS); // taken: a poll's worth of records
            for (int i = 0; i < TASKS; i++) {
                long sleep = 5 + lab.random().nextInt(15);
                pool.submit(Integer.toString(i), worker -> {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    finished.incrementAndGet();
                    outstanding.done(1); // task_done()
                    return null;
                });
            }
            lab.say("%d tasks handed to 4 workers (5-20 ms each); outstanding=%d", TASKS, outstanding.count());
            boolean early = outstanding.awaitNone(Duration.ofMillis(20));
            lab.say("join with a 20 ms timeout: %s (outstanding=%d, finished=%d)", early ? "returned" : "gave up",
                    outstanding.count(), finished.get());
            if (!early) {
                lab.observe("join-waited-while-work-left");
            } else if (finished.get() < TASKS) {
                lab.observe("join-returned-with-work-left");
            }
            boolean all = outstanding.awaitNone(Duration.ofSeconds(20));
            long at = finished.get();
            lab.say("join with a 20 s timeout: %s; finished=%d of %d, outstanding=%d", all ? "returned" : "gave up", at,
                    TASKS, outstanding.count());
            lab.observe(all && at == TASKS ? "join-returned-at-zero" : "join-returned-with-work-left");
        }
        lab.notice("The count goes up when work is taken and down when it is finished, not when it is merely dequeued.");
        lab.notice("join() sleeps on a Condition and is woken by the done() that reaches zero: no polling.");
        lab.notice("A consumer stopping (a rebalance, a shutdown) joins this way before it commits its offsets.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.work.OutstandingWork (consumer-service); metric handoff_items_outstanding",
                "./handoff run --items 50000", "a consumer that stops finishes what it took before it commits");
    }
}
