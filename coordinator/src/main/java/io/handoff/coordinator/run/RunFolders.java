package io.handoff.coordinator.run;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One folder per run under {@code runs/}, holding each process's log; the newest {@value #KEPT} are kept, and
 * never one that a live coordinator is running in (its {@value #RUNNING} file names that coordinator's pid): runs
 * started side by side from one checkout do not delete each other's folders. The embedded broker's data lives
 * there during the run and is deleted after it.
 */
public final class RunFolders {

    public static final int KEPT = 20;
    /** In a run's folder while a coordinator runs it: that coordinator's pid. */
    static final String RUNNING = "running.pid";
    private static final Logger LOG = Logger.getLogger(RunFolders.class);

    private RunFolders() {
    }

    /** The folder of one run under {@code runsDir}, made after the oldest beyond the newest {@value #KEPT} are deleted. */
    public static Path create(Path runsDir, String runId) throws IOException {
        Files.createDirectories(runsDir);
        prune(runsDir);
        return Files.createDirectories(runsDir.resolve(runId));
    }

    /** Run ids sort by start time, so the oldest folders sort first. */
    private static void prune(Path runsDir) throws IOException {
        List<Path> runs;
        try (Stream<Path> listing = Files.list(runsDir)) {
            runs = listing.filter(Files::isDirectory).sorted().toList();
        }
        for (Path old : runs.subList(0, Math.max(0, runs.size() - (KEPT - 1)))) {
            if (!inUse(old)) {
                deleteTree(old);
            }
        }
    }

    /**
     * Marks a run's folder as in use by this process until the returned handle is closed: prune leaves it alone
     * meanwhile, even when newer runs push it past the newest {@value #KEPT}.
     */
    public static Claim claim(Path runDir) throws IOException {
        Path marker = runDir.resolve(RUNNING);
        Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        return () -> Files.deleteIfExists(marker);
    }

    /** A claim on a run's folder, given up when closed. */
    public interface Claim extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Whether a live process has claimed this folder; a claim whose process is gone (killed) counts for nothing. */
    static boolean inUse(Path runDir) {
        try {
            long pid = Long.parseLong(Files.readString(runDir.resolve(RUNNING)).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false; // no claim, or an unreadable one
        }
    }

    static void deleteBrokerData(Path runDir) {
        deleteTree(runDir.resolve("broker-data"));
    }

    /** Deletes a folder and everything in it; what cannot be deleted is logged and left. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debugf("could not delete %s: %s", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", root, e.getMessage());
        }
    }
}
