package io.handoff.coordinator.agent;

import io.handoff.coordinator.kafka.ControlPublisher;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.FailureHint;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.shared.message.ProcessExited;
import io.handoff.shared.message.ProcessLaunched;
import io.handoff.shared.message.control.Crash;
import io.handoff.shared.message.control.Terminate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A service process an agent runs for this coordinator, known only from the agent's reports on the
 * {@code status} topic. It is killed the way compose and Kubernetes allow: a {@code crash} command that the
 * service obeys by halting itself; if that goes unheeded, the agent is told to SIGKILL it.
 */
final class RemoteProcess implements ServiceProcess {

    private final String runId;
    private final String name;
    private final String agentId;
    private final String launchId;
    private final KafkaEndpoint kafka;
    /** Opened by the agent's launched report (or its exited one, if the process died at once). */
    private final CountDownLatch launched = new CountDownLatch(1);
    private final CountDownLatch exited = new CountDownLatch(1);
    private final AtomicBoolean crashSent = new AtomicBoolean();
    private volatile long pid = -1;
    private volatile String log = "(not started yet)";
    private volatile long startedNanos;
    private volatile long exitedNanos;
    private volatile int exitCode;
    private volatile List<String> logTail = List.of();

    RemoteProcess(String runId, String name, String agentId, String launchId, KafkaEndpoint kafka) {
        this.runId = runId;
        this.name = name;
        this.agentId = agentId;
        this.launchId = launchId;
        this.kafka = kafka;
    }

    String launchId() {
        return launchId;
    }

    String agentId() {
        return agentId;
    }

    void launched(ProcessLaunched report) {
        pid = report.pid();
        log = report.log();
        startedNanos = System.nanoTime();
        launched.countDown();
    }

    void exited(ProcessExited report) {
        if (launched.getCount() > 0) {
            pid = report.pid();
            startedNanos = System.nanoTime();
        }
        exitCode = report.exitCode();
        logTail = report.logTail();
        exitedNanos = System.nanoTime();
        launched.countDown();
        exited.countDown();
    }

    /** Waits for the agent to report the process started (or already ended). */
    boolean awaitLaunched(Duration timeout) throws InterruptedException {
        return launched.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public String logLocation() {
        return "agent " + agentId + ": " + log;
    }

    @Override
    public boolean isAlive() {
        return launched.getCount() == 0 && exited.getCount() > 0;
    }

    @Override
    public long exitedNanos() {
        return exitedNanos;
    }

    @Override
    public long startedNanos() {
        return startedNanos;
    }

    @Override
    public Optional<Integer> exitCode() {
        return exited.getCount() == 0 ? Optional.of(exitCode) : Optional.empty();
    }

    @Override
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return exited.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? exitCode() : Optional.empty();
    }

    /** First a crash command, which the service obeys by halting; if asked again, SIGKILL by its agent. */
    @Override
    public void kill() {
        long now = System.currentTimeMillis();
        send(crashSent.compareAndSet(false, true) ? new Crash(runId, name, now)
                : new Terminate(runId, agentId, now, launchId, 0));
    }

    @Override
    public String killMethod() {
        return "crash command";
    }

    /** The command that asks the agent to stop the process: SIGTERM, then SIGKILL after {@code grace}. */
    Terminate terminate(Duration grace) {
        return new Terminate(runId, agentId, System.currentTimeMillis(), launchId, grace.toMillis());
    }

    private void send(io.handoff.shared.message.control.ControlCommand command) {
        try {
            ControlPublisher.send(kafka, command);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send " + command + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String failureHint() {
        return FailureHint.in(logTail, "(no log lines reported by agent " + agentId + ")");
    }

    @Override
    public String toString() {
        return name + " (pid " + pid + " on agent " + agentId + ")";
    }
}
