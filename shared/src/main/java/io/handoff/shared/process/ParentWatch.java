package io.handoff.shared.process;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Ends this process when the process that started it ends, so no child outlives its coordinator,
 * even when the coordinator is killed with {@code kill -9} and cannot clean up after itself.
 *
 * <p>The watch runs on the JDK's process-reaper thread (a daemon), so it never keeps the JVM alive.
 */
public final class ParentWatch {

    /** The variable through which a parent hands its pid to a child. */
    public static final String PARENT_PID_ENV = "HANDOFF_PARENT_PID";
    /** The exit code of a child that ends because its parent is gone. */
    public static final int ORPHANED_EXIT_CODE = 3;
    /**
     * How long an orphan's normal shutdown may take before the JVM halts. With the broker gone too, Kafka
     * clients would wait out their close timeouts one after another (tens of seconds, measured).
     */
    static final long SHUTDOWN_GRACE_MS = 10_000;

    private static final Logger LOG = Logger.getLogger(ParentWatch.class.getName());

    private ParentWatch() {
    }

    /**
     * Starts watching the pid named by {@link #PARENT_PID_ENV}, if any; {@code System.exit} runs the
     * normal shutdown hooks, so the process still closes its Kafka clients cleanly.
     *
     * @return the watched pid, if one was set
     */
    public static Optional<Long> exitWhenParentEnds() {
        String raw = System.getenv(PARENT_PID_ENV);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(raw.trim());
        Optional<ProcessHandle> parent = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            LOG.severe("parent process " + pid + " is already gone; exiting");
            System.exit(ORPHANED_EXIT_CODE);
        }
        parent.get().onExit().thenRun(() -> {
            LOG.severe("parent process " + pid + " ended; exiting so that no orphan is left running");
            Thread exit = Thread.ofPlatform().name("orphan-exit").start(() -> System.exit(ORPHANED_EXIT_CODE));
            try {
                exit.join(SHUTDOWN_GRACE_MS); // System.exit returns only if it failed; join just bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.severe("shutdown did not finish within " + SHUTDOWN_GRACE_MS + " ms; halting");
            Runtime.getRuntime().halt(ORPHANED_EXIT_CODE);
        });
        return Optional.of(pid);
    }
}
