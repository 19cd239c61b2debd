package io.handoff.lessons.book;

import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * 10,000 tasks that each wait 50 ms, on the consumer's {@code WorkerPool}: 200 platform workers against one
 * virtual worker per task ({@code --threads virtual}). Time, tasks in flight at once, and threads made.
 */
public final class VirtualThreadsLesson implements Lesson {

    static final int TASKS = 10_000;
    static final int WAIT_MICROS = 50_000;
    static final int PLATFORM_WORKERS = 200;

    @Override
    public String name() {
        return "virtual-threads";
    }

    @Override
    public Forms forms() {
        return new Forms("asyncio", "Thread.ofVirtual()");
    }

    @Override
    public String idea() {
        return "10,000 waiting tasks: 200 platform threads vs 10,000 virtual threads (time and memory)";
    }

    @Override
    public String python() {
        return "asyncio.gather(*(asyncio.sleep(0.05) for _ in range(10000)))  vs  ThreadPoolExecutor(200)";
    }

    @Override
    public String java() {
        return "Thread.ofVirtual(): the consumer's WorkerPool with --threads virtual";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("platform-capped-by-pool", "with 200 platform workers, at most 200 tasks waited at once"),
                Outcome.acceptable("virtual-all-waiting-at-once", "with virtual workers, most of the 10,000 waited at once"),
                Outcome.interesting("virtual-not-faster", "virtual threads were not at least 3x faster (a busy machine?)"),
                Outcome.forbidden("platform-over-its-pool", "more tasks in flight than platform workers"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        Work work = new Work(Work.Kind.IO, WAIT_MICROS);
        var threads = ManagementFactory.getThreadMXBean();
        long madeBefore = threads.getTotalStartedThreadCount();
        Resident rss = Resident.sample();
        PoolRuns.Measured platform = PoolRuns.run(ThreadKind.PLATFORM, PLATFORM_WORKERS, work, TASKS);
        long platformRss = rss.stop();
        long platformThreads = threads.getTotalStartedThreadCount() - madeBefore;
        lab.say("%,d platform workers: %5.2f s, at most %,d tasks waiting at once, %,d OS threads made", PLATFORM_WORKERS,
                platform.seconds(), platform.mostInFlight(), platformThreads);
        long before = threads.getTotalStartedThreadCount();
        rss = Resident.sample();
        PoolRuns.Measured virtual = PoolRuns.run(ThreadKind.VIRTUAL, TASKS, work, TASKS);
        long virtualRss = rss.stop();
        long osThreads = threads.getTotalStartedThreadCount() - before;
        lab.say("%,d virtual workers:  %5.2f s, at most %,d tasks waiting at once, %,d OS threads made (carriers)",
                TASKS, virtual.seconds(), virtual.mostInFlight(), osThreads);
        lab.say("resident memory at the busiest moment, above the start: platform run +%.1f MiB, virtual run +%.1f MiB",
                platformRss / 1048576.0, virtualRss / 1048576.0);
        lab.say("(both include the heap the run allocates: a queue per worker, a future per task)");
        double speedUp = platform.seconds() / virtual.seconds();
        lab.figure("speedUp", speedUp);
        lab.figure("virtualMostInFlight", virtual.mostInFlight());
        lab.figure("platformMostInFlight", platform.mostInFlight());
        lab.observe(platform.mostInFlight() <= PLATFORM_WORKERS ? "platform-capped-by-pool" : "platform-over-its-pool");
        if (virtual.mostInFlight() > TASKS / 2) {
            lab.observe("virtual-all-waiting-at-once");
        }
        if (speedUp < 3) {
            lab.observe("virtual-not-faster");
        }
        lab.say("speed-up %.1fx", speedUp);
        lab.notice("Waiting work needs many in flight (see 'waiting-work'); platform threads cap that at the pool's size.");
        lab.notice("A virtual thread that waits (sleep, a lock, a socket) gives its carrier back to the others.");
        lab.notice("A platform thread is an OS thread with a stack reserved for it (1 MiB by default): 10,000 would reserve");
        lab.notice("10 GiB of address space. A parked virtual thread keeps its few frames on the heap.");
        lab.notice("For CPU work they change nothing: there are still only as many cores as there are.");
    }

    /** The process's resident memory, sampled every 10 ms on a daemon thread; stop() gives the peak's growth. */
    private static final class Resident {
        private final long start = now();
        private volatile long peak = start;
        private final Thread sampler = Thread.ofPlatform().daemon().name("lesson-rss").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak = Math.max(peak, now());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        static Resident sample() {
            return new Resident();
        }

        long stop() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
            return Math.max(0, peak - start);
        }

        private static long now() {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux: no figure
            }
            return 0;
        }
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("WorkerPool with --threads virtual (consumer-service): one virtual thread per worker",
                "./handoff run --threads virtual --workers 2000 --work io:20000 --items 50000", "the same with --threads platform");
    }
}
