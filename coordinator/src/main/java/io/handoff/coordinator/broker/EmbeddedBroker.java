package io.handoff.coordinator.broker;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.shared.auth.ControlKey;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.FreePorts;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.process.JavaCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts a real Kafka broker (KRaft, one node) as a child process of the coordinator, on free loopback
 * ports, and waits until it answers.
 */
public final class EmbeddedBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private EmbeddedBroker() {
    }

    /** A broker that answers: its address, its process, and how long it took to get there. */
    public record Running(KafkaEndpoint endpoint, ChildProcess process, Duration startup) {
    }

    public static Running start(HandoffHome home, ChildProcesses processes, Path runDir, ControlKey controlKey)
            throws KafkaEndpoint.UnreachableException, InterruptedException {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        List<String> command = JavaCommand.jar(home.brokerJar(),
                List.of("-Xms256m", "-Xmx768m", "-XX:+ExitOnOutOfMemoryError"),
                List.of("--data-dir", runDir.resolve("broker-data").toString(),
                        "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort)));
        long started = System.nanoTime();
        ChildProcess broker = processes.start("broker", command, Map.of(), runDir.resolve("broker.log"));
        KafkaEndpoint endpoint = new KafkaEndpoint("127.0.0.1:" + port, controlKey);
        try {
            endpoint.awaitReachable(READY_TIMEOUT, broker::isAlive);
        } catch (KafkaEndpoint.UnreachableException e) {
            String why = broker.isAlive() ? e.getMessage()
                    : "the broker process exited with code " + broker.exitCode().orElse(-1);
            throw new KafkaEndpoint.UnreachableException("embedded broker did not start: " + why
                    + "; see " + broker.log() + ": " + broker.failureHint());
        }
        return new Running(endpoint, broker, Duration.ofNanos(System.nanoTime() - started));
    }
}
