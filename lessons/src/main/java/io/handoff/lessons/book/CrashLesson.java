package io.handoff.lessons.book;

import io.handoff.lessons.Children;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three worker processes; one is killed with SIGKILL mid-work, as the isolation scenario kills a consumer.
 * The other two never notice: they finish every step and exit 0.
 */
public final class CrashLesson implements Lesson {

    static final int STEPS = 20;
    static final int KILL_AFTER_STEP = 5;

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public Forms forms() {
        return new Forms("Process.kill()", "Process.destroyForcibly()");
    }

    @Override
    public String idea() {
        return "process isolation: a crashed process spares the others";
    }

    @Override
    public String python() {
        return "p.kill() (or os.kill(pid, SIGKILL)) on one of several multiprocessing.Process; p.exitcode == -9";
    }

    @Override
    public String java() {
        return "process.destroyForcibly() (SIGKILL); exitValue() == 137; the others' waitFor() == 0";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("killed-one-ended", "the killed process ended at once, mid-work"),
                Outcome.acceptable("other-finished", "another process finished all its steps and exited 0"),
                Outcome.forbidden("other-harmed", "another process did not finish, or exited with another code"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        List<Process> workers = new ArrayList<>();
        List<AtomicInteger> steps = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        CountDownLatch victimWorked = new CountDownLatch(KILL_AFTER_STEP);
        for (int i = 0; i < 3; i++) {
            Process p = lab.children().start(Child.class);
            AtomicInteger done = new AtomicInteger();
            boolean victim = i == 1;
            readers.add(Children.readLines(p, line -> {
                if (line.startsWith("step")) {
                    done.incrementAndGet();
                    if (victim) {
                        victimWorked.countDown();
                    }
                }
            }));
            workers.add(p);
            steps.add(done);
        }
        lab.say("3 worker processes, %d steps of 100 ms each: pids %d, %d, %d", STEPS, workers.get(0).pid(),
                workers.get(1).pid(), workers.get(2).pid());
        if (!victimWorked.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("worker 2 did not start working within 30 s");
        }
        workers.get(1).destroyForcibly();
        lab.say("after its step %d: SIGKILL to pid %d", KILL_AFTER_STEP, workers.get(1).pid());
        for (int i = 0; i < 3; i++) {
            int code = Children.waitFor(workers.get(i), 30);
            readers.get(i).join(5_000);
            lab.say("pid %d: exit %d after %d of %d steps", workers.get(i).pid(), code, steps.get(i).get(), STEPS);
            if (i == 1) {
                if (code != 0 && steps.get(i).get() < STEPS) {
                    lab.observe("killed-one-ended");
                }
            } else {
                lab.observe(code == 0 && steps.get(i).get() == STEPS ? "other-finished" : "other-harmed");
            }
        }
        lab.notice("Exit 137 is 128 + 9: ended by SIGKILL, with no chance to clean up: no finally, no shutdown hook.");
        lab.notice("The others share no memory with it, so nothing of theirs was half-written when it died.");
        lab.notice("Threads are not isolated this way: a thread that corrupts shared state corrupts it for all.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("the isolation scenario: SIGKILL to a consumer; its agent starts a new one; nothing is lost",
                "./handoff run --scenario isolation", "nothing lost, the killed consumer replaced");
    }

    /** A worker process: steps of 100 ms, a line each. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            for (int i = 1; i <= STEPS; i++) {
                Thread.sleep(100);
                System.out.println("step " + i);
                System.out.flush();
            }
        }
    }
}
