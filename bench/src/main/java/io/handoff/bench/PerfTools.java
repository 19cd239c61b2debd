package io.handoff.bench;

import io.handoff.coordinator.kafka.GroupReadiness;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.process.JavaCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Kafka's own ProducerPerformance and ConsumerPerformance, run together as two JVMs on a fresh topic with the
 * pipeline's producer settings: the yardstick the pipeline is measured against.
 */
public final class PerfTools {

    /**
     * The pipeline producer's settings (producer-service application.properties): acks=all (idempotence is on by
     * default with it, as the pipeline sets explicitly), 5 ms linger, 64 KiB batches.
     */
    static final List<String> PRODUCER_PROPERTIES = List.of("acks=all", "linger.ms=5", "batch.size=65536");
    /**
     * The heap and collector Kafka's own kafka-producer-perf-test.sh gives them (KAFKA_HEAP_OPTS and
     * KAFKA_JVM_PERFORMANCE_OPTS), and an English locale: they print numbers with the default one.
     */
    static final List<String> TOOL_JVM = List.of("-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true",
            "-Duser.language=en", "-Duser.country=US");
    /** ConsumerPerformance gives up after this long without a record: long enough for the producer's JVM start. */
    private static final Duration CONSUMER_IDLE = Duration.ofSeconds(60);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    /** What one run of the two tools printed, and what went wrong if anything did. */
    public record Outcome(Optional<PerfOutput.ProducerSummary> producer, Optional<PerfOutput.ConsumerSummary> consumer,
            Optional<String> problem) {
    }

    private final HandoffHome home;
    private final ChildProcesses processes;
    private final Path logDir;
    private final Duration timeout;

    public PerfTools(HandoffHome home, ChildProcesses processes, Path logDir, Duration timeout) {
        this.home = home;
        this.processes = processes;
        this.logDir = logDir;
        this.timeout = timeout;
    }

    /** The kafka-tools jar the bench runs, from the embedded broker's copied classpath; empty if not built. */
    public static Optional<Path> toolsJar(HandoffHome home) {
        Path lib = home.brokerJar().resolveSibling("lib");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(jar -> jar.getFileName().toString().matches("kafka-tools-\\d.*\\.jar")).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates {@code topic}, starts the consumer, and once it holds every partition the producer, so that both
     * run together; then deletes the topic again.
     */
    public Outcome run(Admin admin, String bootstrap, String topic, int partitions, int recordBytes, long records,
            ProcessCpu cpu) throws InterruptedException, ExecutionException {
        // Empty replication factor: the cluster's default, 1 on the embedded broker.
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        String group = topic + "-group";
        try {
            ChildProcess consumer = start(topic + "-consumer", "org.apache.kafka.tools.ConsumerPerformance",
                    List.of("--bootstrap-server", bootstrap, "--topic", topic, "--group", group, "--num-records",
                            Long.toString(records), "--timeout", Long.toString(CONSUMER_IDLE.toMillis())));
            cpu.watchNew("ConsumerPerformance", consumer.pid());
            Optional<String> notJoined = awaitJoined(admin, group, topic, partitions, consumer);
            if (notJoined.isPresent()) {
                consumer.stop(Duration.ofSeconds(5));
                return new Outcome(Optional.empty(), Optional.empty(), notJoined);
            }
            List<String> producerArgs = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic,
                    "--num-records", Long.toString(records), "--record-size", Integer.toString(recordBytes),
                    "--throughput", "-1", "--command-property"));
            producerArgs.addAll(PRODUCER_PROPERTIES);
            ChildProcess producer = start(topic + "-producer", "org.apache.kafka.tools.ProducerPerformance", producerArgs);
            cpu.watchNew("ProducerPerformance", producer.pid());

            long deadline = System.nanoTime() + timeout.toNanos();
            Optional<String> problem = awaitExit(producer, deadline);
            if (problem.isPresent()) {
                consumer.stop(Duration.ofSeconds(5)); // it would only wait for records that will not come
            }
            Optional<String> consumerProblem = awaitExit(consumer, deadline);
            Optional<PerfOutput.ProducerSummary> produced = PerfOutput.producer(producer.logTail(50));
            Optional<PerfOutput.ConsumerSummary> consumed = PerfOutput.consumer(consumer.logTail(50));
            problem = problem.or(() -> consumerProblem)
                    .or(() -> produced.isEmpty() ? Optional.of("no summary from ProducerPerformance; see " + producer.log())
                            : Optional.empty())
                    .or(() -> consumed.isEmpty() ? Optional.of("no summary from ConsumerPerformance; see " + consumer.log())
                            : Optional.empty())
                    .or(() -> consumed.get().records() < records ? Optional.of("ConsumerPerformance read "
                            + consumed.get().records() + " of " + records + " records; see " + consumer.log())
                            : Optional.empty());
            return new Outcome(produced, consumed, problem);
        } finally {
            try {
                admin.deleteTopics(List.of(topic)).all().get();
                admin.deleteConsumerGroups(List.of(group)).all().get();
            } catch (ExecutionException e) {
                // left behind on a --bootstrap cluster: harmless, and named after this bench
            }
        }
    }

    /**
     * Waits until the consumer holds every partition, so that the two run together from the first record: a
     * consumer that joined late would catch up on a backlog, faster than it can keep pace, and read high.
     */
    private static Optional<String> awaitJoined(Admin admin, String group, String topic, int partitions,
            ChildProcess consumer) throws InterruptedException {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        String state = "not described yet";
        while (System.nanoTime() < deadline) {
            if (!consumer.isAlive()) {
                return Optional.of("ConsumerPerformance exited while joining: " + consumer.failureHint());
            }
            try {
                GroupReadiness.Readiness readiness = GroupReadiness.check(admin, group, 1, topic, partitions);
                if (readiness.ready()) {
                    return Optional.empty();
                }
                state = readiness.state();
            } catch (ExecutionException notYet) {
                state = notYet.getCause().getMessage(); // the group does not exist until the consumer asks for it
            }
            Thread.sleep(100);
        }
        return Optional.of("ConsumerPerformance did not hold every partition within " + JOIN_TIMEOUT.toSeconds()
                + " s: " + state);
    }

    private ChildProcess start(String name, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaExecutable());
        command.addAll(TOOL_JVM);
        command.add("-cp");
        // The JVM expands lib/* itself; no shell is involved.
        command.add(home.brokerJar().resolveSibling("lib") + "/*" + java.io.File.pathSeparator + home.brokerJar());
        command.add(mainClass);
        command.addAll(args);
        return processes.start(name, command, Map.of(), logDir.resolve(name + ".log"));
    }

    /** Waits for a tool to exit by the deadline; a problem if it did not (then it is stopped) or failed. */
    private static Optional<String> awaitExit(ChildProcess tool, long deadline) throws InterruptedException {
        long left = Math.max(1, deadline - System.nanoTime());
        Optional<Integer> exit = tool.awaitExit(Duration.ofNanos(left));
        if (exit.isEmpty()) {
            tool.stop(Duration.ofSeconds(5));
            return Optional.of(tool.name() + " still running after the timeout; stopped. See " + tool.log());
        }
        return exit.get() == 0 ? Optional.empty()
                : Optional.of(tool.name() + " exited with code " + exit.get() + ": " + tool.failureHint());
    }
}
