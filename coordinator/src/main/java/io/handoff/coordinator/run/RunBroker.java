package io.handoff.coordinator.run;

import io.handoff.coordinator.broker.EmbeddedBroker;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.scenario.FaultScene;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The broker a run started itself, which a fault may kill and start again: the current process is always
 * the one the report names. Only the coordinator's own thread uses it.
 */
final class RunBroker implements FaultScene.BrokerControl {

    private final ChildProcesses processes;
    private final Path runDir;
    private EmbeddedBroker.Running running;
    private int restarts;
    /** Killed and not yet started again: questions to it would only wait out their timeouts. */
    private volatile boolean down;

    RunBroker(EmbeddedBroker.Running running, ChildProcesses processes, Path runDir) {
        this.running = running;
        this.processes = processes;
        this.runDir = runDir;
    }

    @Override
    public boolean down() {
        return down;
    }

    ChildProcess process() {
        return running.process();
    }

    @Override
    public long pid() {
        return running.process().pid();
    }

    @Override
    public void kill() throws InterruptedException {
        down = true;
        running.process().kill();
        if (running.process().awaitExit(Duration.ofSeconds(10)).isEmpty()) {
            throw new IllegalStateException("the broker (pid " + pid() + ") did not die of SIGKILL within 10 s");
        }
    }

    @Override
    public void freeze(boolean frozen) throws InterruptedException {
        down = frozen;
        if (!Signals.send(pid(), frozen ? "STOP" : "CONT")) {
            throw new IllegalStateException("the broker (pid " + pid() + ") ended before it could be "
                    + (frozen ? "frozen" : "let go"));
        }
    }

    @Override
    public Duration restart() throws InterruptedException {
        try {
            restarts++;
            running = EmbeddedBroker.restart(running, processes, runDir.resolve("broker-" + (restarts + 1) + ".log"));
            down = false;
            return running.startup();
        } catch (KafkaEndpoint.UnreachableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
