package io.handoff.bench;

import io.handoff.coordinator.broker.EmbeddedBroker;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.shared.auth.ControlKey;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.run.RunFolders;
import io.handoff.coordinator.run.RunIds;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Orders the bench's phases on one broker: for each payload, Kafka's perf tools (A1), the pipeline at full
 * speed (B), the perf tools again (A2), then the pipeline at 25, 50 and 75% of B's rate. A/B/A on one broker
 * in one run, so that whatever drifts (the broker's log, the JIT, the machine's other load) cancels.
 */
public final class BenchKafka {

    public static final String FULL_SPEED = "B";
    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(10);

    private final HandoffHome home;
    private final Console console;

    public BenchKafka(HandoffHome home, Console console) {
        this.home = home;
        this.console = console;
    }

    /** Where the logs of every process of the bench go; the folder is emptied at each start. */
    public Path logDir() {
        return home.root().resolve("target/benchmarks/bench-kafka-logs");
    }

    public BenchReport run(BenchSettings settings) throws KafkaEndpoint.UnreachableException, InterruptedException,
            IOException, ExecutionException {
        home.requireBuilt(true); // the broker's jar and classpath too, even with --bootstrap: the perf tools run from them
        Path toolsJar = PerfTools.toolsJar(home).orElseThrow(() -> new IllegalStateException(
                "Kafka's perf tools are not built: no kafka-tools jar under " + home.brokerJar().resolveSibling("lib")
                        + "; run ./handoff build"));
        if (!Files.isRegularFile(home.coordinatorJar())) {
            throw new IllegalStateException("not built yet: " + home.coordinatorJar() + "; run ./handoff build");
        }
        // The bench sends no commands itself: its pipeline runs are ./handoff run processes with keys of their own.
        ControlKey key = ControlKey.forLocalRun();
        Optional<KafkaEndpoint> given = Optional.ofNullable(settings.bootstrap())
                .map(bootstrap -> new KafkaEndpoint(bootstrap, key));
        if (given.isPresent()) {
            given.get().awaitReachable(BOOTSTRAP_TIMEOUT, () -> true);
        }
        Path logs = logDir();
        RunFolders.deleteTree(logs);
        Files.createDirectories(logs);
        String benchId = RunIds.next();
        Machine machine = Machine.describe(toolsJar.getFileName().toString().replaceAll("^kafka-tools-|\\.jar$", ""));
        try (ChildProcesses processes = new ChildProcesses()) {
            Optional<ChildProcess> broker = Optional.empty();
            KafkaEndpoint kafka;
            if (given.isPresent()) {
                kafka = given.get();
                console.say("  kafka       %s (--bootstrap); its CPU is not measured", kafka.bootstrapServers());
            } else {
                EmbeddedBroker.Running running = EmbeddedBroker.start(home, processes, logs, key);
                broker = Optional.of(running.process());
                kafka = running.endpoint();
                console.say("  broker      pid %-7d %s, ready in %.1f s", running.process().pid(),
                        kafka.bootstrapServers(), running.startup().toMillis() / 1000.0);
            }
            Phases phases = new Phases(settings, kafka, broker, benchId,
                    new PerfTools(home, processes, logs, Duration.ofSeconds(settings.timeoutSeconds())),
                    new PipelineRun(home, processes, logs, Duration.ofSeconds(settings.timeoutSeconds())), console);
            List<PayloadResult> results = new ArrayList<>();
            try (Admin admin = kafka.admin()) {
                for (int payload : settings.payloadBytes()) {
                    results.add(phases.forPayload(admin, payload));
                }
            }
            return new BenchReport(machine, settings,
                    broker.map(b -> "embedded, pid " + b.pid()).orElse(kafka.bootstrapServers() + " (--bootstrap)"),
                    String.join(" ", PerfTools.PRODUCER_PROPERTIES), results);
        } finally {
            RunFolders.deleteTree(logs.resolve("broker-data"));
        }
    }
}
