package io.handoff.lessons.book;

import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

/** CPU-bound work on 1 worker and on one per core: Java threads run on all cores at once (there is no GIL). */
public final class CpuBoundLesson implements Lesson {

    static final int ITEMS = 2_000;
    static final int ROUNDS = 300;

    @Override
    public String name() {
        return "cpu-bound";
    }

    @Override
    public Forms forms() {
        return new Forms("multiprocessing.Pool (the GIL)", "WorkerPool on every core");
    }

    @Override
    public String idea() {
        return "CPU-bound work across cores: threads run in parallel (no GIL)";
    }

    @Override
    public String python() {
        return "threads give no speed-up for CPU work (the GIL): multiprocessing.Pool(cores).map(work, items)";
    }

    @Override
    public String java() {
        return "the consumer's WorkerPool with 1 and with N = cores workers, items of --work cpu:300";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("on-several-cores", "the process used more than 1.3 cores while N workers ran"),
                Outcome.interesting("one-core-at-a-time", "no more than 1.3 cores: one core, or a busy machine"),
                Outcome.forbidden("different-result", "the same items gave another checksum on more workers"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Work work = new Work(Work.Kind.CPU, ROUNDS);
        lab.say("%d cores; %,d items of %d SHA-256 rounds each", cores, ITEMS, ROUNDS);
        PoolRuns.run(ThreadKind.PLATFORM, cores, work, ITEMS / 2); // warm-up: let the JIT compile the work first
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        long cpu0 = os.getProcessCpuTime();
        PoolRuns.Measured one = PoolRuns.run(ThreadKind.PLATFORM, 1, work, ITEMS);
        long cpu1 = os.getProcessCpuTime();
        PoolRuns.Measured many = PoolRuns.run(ThreadKind.PLATFORM, cores, work, ITEMS);
        long cpu2 = os.getProcessCpuTime();
        double coresOne = (cpu1 - cpu0) / 1e9 / one.seconds();
        double coresMany = (cpu2 - cpu1) / 1e9 / many.seconds();
        lab.say("1 worker:  %5.2f s, %,7.0f items/s, the process on %.2f cores", one.seconds(), one.perSecond(), coresOne);
        lab.say("%d workers: %5.2f s, %,7.0f items/s, the process on %.2f cores", cores, many.seconds(),
                many.perSecond(), coresMany);
        double speedUp = many.perSecond() / one.perSecond();
        lab.say("speed-up %.2fx on %d cores; checksums %s", speedUp, cores,
                one.checksum() == many.checksum() ? "equal" : "DIFFER: " + one.checksum() + " vs " + many.checksum());
        lab.figure("speedUp", speedUp);
        lab.figure("coresBusy", coresMany);
        lab.observe(one.checksum() != many.checksum() ? "different-result"
                : coresMany > 1.3 ? "on-several-cores" : "one-core-at-a-time");
        lab.notice("CPU work speeds up with cores and stops there: more threads than cores only take turns.");
        lab.notice("Java has no global interpreter lock: the tutorials' reason to use processes for CPU work is absent.");
        lab.notice("Another program busy on a core (or a container limited to one) shows as one-core-at-a-time.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.work.WorkPerformer on the WorkerPool's workers (consumer-service)",
                "./handoff run --work cpu:2000 --workers 1 --items 20000", "then the same with --workers 4: the rate doubles on two cores");
    }
}
