package io.handoff.lessons.book;

import io.handoff.lessons.Children;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A child JVM whose main returns at once, leaving a daemon and a non-daemon thread at work: the JVM waits for
 * the non-daemon one and ends the daemon one mid-work.
 */
public final class DaemonLesson implements Lesson {

    static final int DAEMON_STEPS = 30;
    static final int WORKER_STEPS = 5;

    @Override
    public String name() {
        return "daemon";
    }

    @Override
    public Forms forms() {
        return new Forms("Thread(daemon=True)", "Thread.Builder.daemon()");
    }

    @Override
    public String idea() {
        return "daemon vs non-daemon: at exit the JVM waits for one and drops the other mid-work";
    }

    @Override
    public String python() {
        return "threading.Thread(target=f, daemon=True)";
    }

    @Override
    public String java() {
        return "Thread.ofPlatform().daemon(true) / daemon(false)";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("non-daemon-waited-for", "the JVM stayed until the non-daemon thread finished"),
                Outcome.acceptable("daemon-cut-off", "the daemon thread was stopped mid-work when the JVM exited"),
                Outcome.forbidden("non-daemon-abandoned", "the JVM exited before the non-daemon thread finished"),
                Outcome.forbidden("daemon-finished", "the daemon thread finished all its steps"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        lab.say("a child JVM: main starts a daemon thread (%d steps of 100 ms) and a non-daemon one (%d steps),",
                DAEMON_STEPS, WORKER_STEPS);
        lab.say("then main returns at once. Its output, as it comes:");
        List<String> lines = new CopyOnWriteArrayList<>();
        Process child = lab.children().start(Child.class);
        Thread reader = Children.readLines(child, line -> {
            lines.add(line);
            lab.say("  child %d | %s", child.pid(), line);
        });
        int exit = Children.waitFor(child, 20);
        reader.join(5_000);
        lab.say("child exited with %d", exit);
        boolean workerDone = lines.contains("worker: done");
        long daemonSteps = lines.stream().filter(l -> l.startsWith("daemon: step")).count();
        lab.figure("daemonSteps", daemonSteps);
        lab.observe(workerDone ? "non-daemon-waited-for" : "non-daemon-abandoned");
        lab.observe(daemonSteps >= DAEMON_STEPS ? "daemon-finished" : "daemon-cut-off");
        lab.notice("main returning does not end a JVM; the last non-daemon thread ending does.");
        lab.notice("The daemon thread got %d of its %d steps: no finally, no last line, just gone.", daemonSteps,
                DAEMON_STEPS);
        lab.notice("So a daemon thread may only observe (the deadlock watchdog, samplers): never hold work that must finish.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("WorkerPool's workers are non-daemon (they hold accepted items); DeadlockWatchdog's thread is a daemon",
                "./handoff run --items 50000", "a service's /threads lists which threads are daemons");
    }

    /** The child JVM's program. */
    public static final class Child {
        public static void main(String[] args) {
            Thread.ofPlatform().daemon(true).name("lesson-daemon").start(() -> steps("daemon", DAEMON_STEPS));
            Thread.ofPlatform().daemon(false).name("lesson-worker").start(() -> {
                steps("worker", WORKER_STEPS);
                System.out.println("worker: done");
            });
            System.out.println("main: returns now, while both threads work");
        }

        private static void steps(String who, int steps) {
            for (int i = 1; i <= steps; i++) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                System.out.println(who + ": step " + i + " of " + steps);
            }
        }
    }
}
