package io.handoff.coordinator.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every process started in this run, and the promise that none outlives it: {@link #stopAll} at the end,
 * and a JVM shutdown hook for Ctrl-C or an error on the way. (Each child also watches this process's pid,
 * for the case where the coordinator is killed outright.)
 */
public final class ChildProcesses implements AutoCloseable {

    private final List<ChildProcess> started = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook = new Thread(this::killAll, "child-process-reaper");

    public ChildProcesses() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public ChildProcess start(String name, List<String> command, Map<String, String> env, java.nio.file.Path log) {
        ChildProcess child = ChildProcess.start(name, command, env, log);
        started.add(child);
        return child;
    }

    public List<ChildProcess> all() {
        return List.copyOf(started);
    }

    /**
     * Stops every child that is still running, all at once (SIGTERM, SIGKILL after {@code grace}), newest
     * first so that services stop before the broker they talk to.
     */
    public void stopAll(Duration grace) throws InterruptedException {
        List<Thread> stoppers = new ArrayList<>();
        for (ChildProcess child : started.reversed()) {
            if (child.isAlive()) {
                stoppers.add(Thread.ofPlatform().name("stop-" + child.name()).start(() -> {
                    try {
                        child.stop(grace);
                    } catch (InterruptedException e) {
                        child.kill();
                        Thread.currentThread().interrupt();
                    }
                }));
            }
        }
        for (Thread stopper : stoppers) {
            stopper.join();
        }
    }

    private void killAll() {
        started.forEach(ChildProcess::kill);
    }

    @Override
    public void close() throws InterruptedException {
        stopAll(Duration.ofSeconds(10));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
    }
}
