package io.handoff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Samples {@code /proc} every 200 ms while one phase runs: the CPU time and voluntary context switches of its
 * processes. A process's counters are gone once it exits, so the last reading of each pid (and of each of its
 * threads) is what counts. Also reads this JVM's reaped-children CPU, which is exact for the processes it
 * started and waited for.
 */
public final class ProcessCpu implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(200);
    /** Asked once, before any phase: getconf is a child too, and must not count in a phase's reaped CPU. */
    private static final long TICKS_PER_SECOND = ClockTicks.PER_SECOND;
    /** Descendants are looked for less often: listing them scans every process on the machine. */
    private static final int DISCOVER_EVERY = 5;

    /** One watched process: its first and last readings. Guarded by the enclosing instance. */
    private static final class Tracked {
        final String label;
        final long pid;
        final ProcessUsage.Role role;
        /** Only what it spends from now counts (a broker that serves every phase), not since it started. */
        final boolean ongoing;
        long baseTicks = -1;
        long lastTicks;
        /** CPU at {@link #mark()}; -1 without a mark, or when the process started after it. */
        long markTicks = -1;
        final Map<Long, long[]> switchesByThread = new HashMap<>(); // tid -> {base, last}

        Tracked(String label, long pid, ProcessUsage.Role role, boolean ongoing) {
            this.label = label;
            this.pid = pid;
            this.role = role;
            this.ongoing = ongoing;
        }
    }

    /** A process whose descendants are watched too, named by what their command lines say. */
    private record Tree(long pid, Function<ProcessHandle, String> namer) {
    }

    private final Map<Long, Tracked> tracked = new LinkedHashMap<>();
    private final List<Tree> trees = new ArrayList<>();
    private final long reapedAtStart = ownStat().reapedChildrenTicks();
    private final Thread sampler;
    private int samples;
    private boolean marked;

    public ProcessCpu() {
        sampler = Thread.ofPlatform().daemon().name("cpu-sampler").start(this::loop);
    }

    /** A process started for this phase: everything it spends counts. */
    public synchronized void watchNew(String label, long pid) {
        read(tracked.computeIfAbsent(pid, p -> new Tracked(label, p, ProcessUsage.Role.MEASURED, false)));
    }

    /** A process that outlives the phase: only what it spends from now counts. */
    public synchronized void watchOngoing(String label, long pid, ProcessUsage.Role role) {
        read(tracked.computeIfAbsent(pid, p -> new Tracked(label, p, role, true)));
    }

    /** A process started for this phase and every process it starts, each named by {@code namer}. */
    public synchronized void watchTree(String label, long pid, Function<ProcessHandle, String> namer) {
        watchNew(label, pid);
        trees.add(new Tree(pid, namer));
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(INTERVAL);
                sample();
            }
        } catch (InterruptedException e) {
            // stopped by close(): the last readings are kept
        }
    }

    /**
     * Takes a reading of everything now, so that what each process spends after this moment can be told apart
     * from what it spent starting: for the pipeline, the moment its producers are told to start.
     */
    public synchronized void mark() {
        samples = 0; // descendants looked for now, not up to a second later
        sample();
        tracked.values().forEach(p -> p.markTicks = p.lastTicks);
        marked = true;
    }

    private synchronized void sample() {
        if (samples++ % DISCOVER_EVERY == 0) {
            for (Tree tree : trees) {
                ProcessHandle.of(tree.pid()).stream().flatMap(ProcessHandle::descendants).forEach(child ->
                        tracked.computeIfAbsent(child.pid(), p -> new Tracked(tree.namer().apply(child), p,
                                ProcessUsage.Role.MEASURED, false)));
            }
        }
        tracked.values().forEach(ProcessCpu::read);
    }

    /** Reads a process's CPU and its threads' switches; a process or thread gone keeps its last reading. */
    private static void read(Tracked process) {
        Path proc = Path.of("/proc", Long.toString(process.pid));
        try {
            long ticks = ProcStat.parse(Files.readString(proc.resolve("stat"))).cpuTicks();
            if (process.baseTicks < 0) {
                process.baseTicks = process.ongoing ? ticks : 0;
            }
            process.lastTicks = Math.max(process.lastTicks, ticks);
        } catch (IOException | RuntimeException gone) {
            return; // exited (or exiting): its last reading stands
        }
        boolean first = process.switchesByThread.isEmpty();
        try (Stream<Path> threads = Files.list(proc.resolve("task"))) {
            for (Path thread : threads.toList()) {
                try {
                    ThreadStatus.voluntarySwitches(Files.readString(thread.resolve("status"))).ifPresent(count -> {
                        long[] counts = process.switchesByThread.computeIfAbsent(
                                Long.parseLong(thread.getFileName().toString()),
                                tid -> new long[] {first && process.ongoing ? count : 0, 0});
                        counts[1] = Math.max(counts[1], count);
                    });
                } catch (IOException | RuntimeException threadGone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited while being read
        }
    }

    /** What every watched process spent, as last read (after {@link #close}: to the end of the phase). */
    public synchronized List<ProcessUsage> usage() {
        return tracked.values().stream().map(p -> new ProcessUsage(p.label, p.pid, p.role,
                (p.lastTicks - Math.max(0, p.baseTicks)) / (double) TICKS_PER_SECOND,
                marked ? (p.lastTicks - Math.max(0, p.markTicks)) / (double) TICKS_PER_SECOND : null,
                p.switchesByThread.values().stream().mapToLong(c -> c[1] - c[0]).sum())).toList();
    }

    /**
     * CPU seconds of every child of this JVM that exited and was reaped since sampling began, with everything
     * they reaped in turn: exact, including the last moments that sampling misses.
     */
    public double reapedCpuSeconds() {
        return (ownStat().reapedChildrenTicks() - reapedAtStart) / (double) TICKS_PER_SECOND;
    }

    private static ProcStat ownStat() {
        try {
            return ProcStat.parse(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/stat (bench-kafka needs Linux): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        sample();
    }
}
