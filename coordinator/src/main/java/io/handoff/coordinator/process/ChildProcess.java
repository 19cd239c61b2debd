package io.handoff.coordinator.process;

import io.handoff.shared.process.ParentWatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process this coordinator started: its name, pid and log file, and a stop that asks first
 * (SIGTERM, so the service closes its Kafka clients) and insists after a grace period (SIGKILL).
 */
public final class ChildProcess implements ServiceProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();
    /** When the process was seen to end, by the JDK's process reaper; 0 while it runs. */
    private volatile long exitedNanos;
    /** Completes once the end is recorded, so that callbacks chained on it see {@link #exitedNanos}. */
    private final java.util.concurrent.CompletableFuture<Void> ended;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.ended = process.onExit().thenRun(() -> exitedNanos = System.nanoTime());
    }

    /**
     * Starts {@code command} with the extra environment, output and errors going to {@code log}; the child
     * is told this process's pid so that it exits if the coordinator dies without stopping it.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        builder.environment().put(ParentWatch.PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    @Override
    public String logLocation() {
        return log.toString();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public long exitedNanos() {
        if (!process.isAlive()) {
            ended.join(); // the reaper records the time a moment after the exit shows: wait for it
        }
        return exitedNanos;
    }

    @Override
    public long startedNanos() {
        return startedNanos;
    }

    @Override
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    @Override
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    /** SIGTERM, then SIGKILL if it is still running after {@code grace}; returns the exit code. */
    public int stop(Duration grace) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        }
        return process.waitFor();
    }

    @Override
    public String killMethod() {
        return "kill -9";
    }

    /** Runs {@code action} once the process has ended, on the JDK's process-reaper thread. */
    public void onExit(Runnable action) {
        ended.thenRun(action);
    }

    /** SIGKILL, at once: what a crash looks like from outside. */
    @Override
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * The line of the log that best says why the process failed: the last one logged at ERROR or naming an
     * exception, else the last line.
     */
    @Override
    public String failureHint() {
        return FailureHint.in(logTail(200), "(empty log)");
    }

    /** The last lines of the log, for an error message that shows why a process failed. */
    public List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
