package io.handoff.coordinator.broker;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.shared.auth.ControlKey;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.ClassArchives;
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

    /**
     * A broker that answers: its address, its process, and how long it took to get there.
     *
     * @param command  what started it: the same command starts it again on the same data and ports
     * @param archives the class archives its JVM maps (or dumps), which a restart uses too
     */
    public record Running(KafkaEndpoint endpoint, ChildProcess process, Duration startup, List<String> command,
            ClassArchives archives) {
    }

    public static Running start(HandoffHome home, ChildProcesses processes, Path runDir, ControlKey controlKey)
            throws KafkaEndpoint.UnreachableException, InterruptedException {
        return start(home, processes, runDir, controlKey, Map.of());
    }

    /**
     * The broker's JVM. C1 alone, as for the services: on two cores C2's compiler threads took cycles from the
     * pipeline they were compiling for. Measured in one session, alternating: a 2,000-item run's broker used 3.3 s
     * of CPU against 5.8 s with C2, and a 1,000,000-item run reached 85,106 and 86,133 items/s against 76,917 and
     * 73,714. {@code HANDOFF_BROKER_JVM_OPTS} replaces them, for measurements.
     */
    static final List<String> JVM = JavaCommand.orOverride(System.getenv("HANDOFF_BROKER_JVM_OPTS"),
            List.of("-Xms256m", "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"));

    /** The same, with broker properties of the run's own ({@code --set key=value}), such as its retention. */
    public static Running start(HandoffHome home, ChildProcesses processes, Path runDir, ControlKey controlKey,
            Map<String, String> settings) throws KafkaEndpoint.UnreachableException, InterruptedException {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        List<String> args = new java.util.ArrayList<>(List.of("--data-dir", runDir.resolve("broker-data").toString(),
                "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort)));
        new java.util.TreeMap<>(settings).forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        List<String> command = JavaCommand.jar(home.brokerJar(), JVM, args);
        return launch(processes, command, new KafkaEndpoint("127.0.0.1:" + port, controlKey),
                runDir.resolve("broker.log"), ClassArchives.of(home), home.brokerJar());
    }

    /**
     * Starts a broker that was killed again, on the same data and ports, and waits until it answers: what a
     * broker restarted by its supervisor does. Its log goes to {@code log}.
     */
    public static Running restart(Running killed, ChildProcesses processes, Path log)
            throws KafkaEndpoint.UnreachableException, InterruptedException {
        return launch(processes, killed.command(), killed.endpoint(), log, killed.archives(),
                Path.of(killed.command().get(killed.command().indexOf("-jar") + 1)));
    }

    private static Running launch(ChildProcesses processes, List<String> command, KafkaEndpoint endpoint, Path log,
            ClassArchives archives, Path jar) throws KafkaEndpoint.UnreachableException, InterruptedException {
        long started = System.nanoTime();
        ClassArchives.Use archive = archives.forJar(jar);
        List<String> withArchive = new java.util.ArrayList<>(command);
        withArchive.addAll(1, archive.options()); // JVM options, right after the java executable
        ChildProcess broker = processes.start("broker", withArchive, Map.of(), log);
        archives.watch(archive, broker, withArchive);
        try {
            endpoint.awaitReachable(READY_TIMEOUT, broker::isAlive);
        } catch (KafkaEndpoint.UnreachableException e) {
            String why = broker.isAlive() ? e.getMessage()
                    : "the broker process exited with code " + broker.exitCode().orElse(-1);
            throw new KafkaEndpoint.UnreachableException("embedded broker did not start: " + why
                    + "; see " + broker.log() + ": " + broker.failureHint());
        }
        return new Running(endpoint, broker, Duration.ofNanos(System.nanoTime() - started), command, archives);
    }
}
