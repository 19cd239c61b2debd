package io.handoff.coordinator.process;

import java.time.Duration;
import java.util.Optional;

/**
 * One process of a producer or consumer instance, wherever it runs: a child JVM of this coordinator
 * ({@link ChildProcess}), or a process an agent started on another host for it ({@code RemoteProcess}).
 * A run watches, kills and judges both the same way.
 */
public interface ServiceProcess {

    /** The instance it runs, such as {@code consumer-1}; a restarted instance keeps its name. */
    String name();

    long pid();

    /** Where its log is: a path here, or an agent and a path on the agent's host. */
    String logLocation();

    boolean isAlive();

    /** {@code System.nanoTime()} when it was seen to end, or 0 while it runs. */
    long exitedNanos();

    long startedNanos();

    /** The exit code, once it has ended. */
    Optional<Integer> exitCode();

    /** Waits up to {@code timeout} for it to end by itself; returns its exit code if it did. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException;

    /** Ends it at once, as a crash would. */
    void kill();

    /** How {@link #kill} ends it, for people: {@code kill -9}, or a crash command it obeys. */
    String killMethod();

    /** The line of its log that best says why it failed. */
    String failureHint();
}
