package io.handoff.coordinator.scenarios.soak;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Every {@code every}, on a thread of its own, samples each process of the run (heap after a full collection,
 * threads, open files) and the size of each file of the run's folder under {@code runs/}: a probe that hangs or
 * fails holds up only this thread, never the run. The run's thread tells it which processes there are.
 */
public final class ResourceSampler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ResourceSampler.class);
    static final String COORDINATOR = "coordinator";
    /** The embedded broker's data directory, as one owner of disk: its segments outlive the broker's processes. */
    static final String BROKER_DATA = "broker-data";

    /** One process at one moment; {@code heldBytes} is what its heap holds by design (the audit's history). */
    public record ProcessSample(double atS, String process, long pid, long heapAfterGcBytes, long heldBytes, int threads,
            long openFiles) {
    }

    /** One file (or the broker's data directory) of the run's folder at one moment. */
    public record DiskSample(double atS, String file, long bytes) {
    }

    private final Path runDir;
    private final LongSupplier historyBytes;
    private final long startedNanos;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-sampler");
        t.setDaemon(true); // an aborted run must not be kept alive by its sampler
        return t;
    });
    /** Which processes to sample, by name: written by the run's thread, read by the sampler's. */
    private volatile Map<String, Long> targets = Map.of();
    /** The sampler's thread only. */
    private final Map<Long, JvmProbe> probes = new HashMap<>();
    private final Set<Long> unreachable = new HashSet<>();
    /** Guarded by this sampler: written by its thread, read by the run's once sampling has stopped. */
    private final List<ProcessSample> processSamples = new ArrayList<>();
    private final List<DiskSample> diskSamples = new ArrayList<>();

    ResourceSampler(Path runDir, LongSupplier historyBytes, long startedNanos, Duration every) {
        this.runDir = runDir;
        this.historyBytes = historyBytes;
        this.startedNanos = startedNanos;
        thread.scheduleWithFixedDelay(this::sampleSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The processes there are now, by name (the coordinator is always sampled). */
    void targets(Map<String, Long> pids) {
        targets = Map.copyOf(pids);
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warnf("soak sample failed: %s", e.toString());
        }
    }

    private void sample() {
        double atS = (System.nanoTime() - startedNanos) / 1e9;
        Map<String, Long> now = targets;
        List<ProcessSample> found = new ArrayList<>();
        JvmProbe.Reading self = JvmProbe.self().read();
        found.add(new ProcessSample(atS, COORDINATOR, ProcessHandle.current().pid(), self.heapAfterGcBytes(),
                historyBytes.getAsLong(), self.threads(), self.openFiles()));
        now.forEach((name, pid) -> read(name, pid).ifPresent(r -> found.add(new ProcessSample(atS, name, pid,
                r.heapAfterGcBytes(), 0, r.threads(), r.openFiles()))));
        probes.keySet().removeIf(pid -> {
            if (now.containsValue(pid)) {
                return false;
            }
            probes.get(pid).close();
            return true;
        });
        List<DiskSample> files = disk(atS);
        synchronized (this) {
            processSamples.addAll(found);
            diskSamples.addAll(files);
        }
    }

    private java.util.Optional<JvmProbe.Reading> read(String name, long pid) {
        if (unreachable.contains(pid)) {
            return java.util.Optional.empty();
        }
        try {
            JvmProbe probe = probes.get(pid);
            if (probe == null) {
                probe = JvmProbe.attach(pid);
                probes.put(pid, probe);
            }
            return java.util.Optional.of(probe.read());
        } catch (IOException | RuntimeException e) {
            // A process killed by the soak itself, between its pid's publication and now: it is sampled no more.
            JvmProbe gone = probes.remove(pid);
            if (gone != null) {
                gone.close();
            }
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                LOG.debugf("could not sample %s (pid %d): %s", name, pid, e.toString());
            } else {
                unreachable.add(pid);
            }
            return java.util.Optional.empty();
        }
    }

    private List<DiskSample> disk(double atS) {
        List<DiskSample> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(runDir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                files.add(new DiskSample(atS, name, Files.isDirectory(entry) ? treeSize(entry) : Files.size(entry)));
            }
        } catch (IOException e) {
            LOG.debugf("could not list %s: %s", runDir, e.toString());
        }
        return files;
    }

    /** Bytes of the files under a folder; files deleted while it walks (aged-out segments) count as gone. */
    private static long treeSize(Path root) {
        long[] bytes = {0};
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(path -> {
                try {
                    if (Files.isRegularFile(path)) {
                        bytes[0] += Files.size(path);
                    }
                } catch (IOException e) {
                    // deleted under us: retention at work
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debugf("could not walk %s: %s", root, e.toString());
        }
        return bytes[0];
    }

    synchronized List<ProcessSample> processSamples() {
        return List.copyOf(processSamples);
    }

    synchronized List<DiskSample> diskSamples() {
        return List.copyOf(diskSamples);
    }

    /** Stops sampling and lets go of every process; waits for a sample under way. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probes.values().forEach(JvmProbe::close);
        probes.clear();
    }
}
