package io.handoff.coordinator.agent;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.auth.ControlRecords;
import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.ProcessExited;
import io.handoff.shared.message.ProcessLaunched;
import io.handoff.shared.message.Role;
import io.handoff.shared.message.StatusEvent;
import io.handoff.shared.testing.InJvmKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent lives for weeks on a topic anyone may flood with launches: it runs at most {@link Agent#MAX_RUNNING}
 * processes at once, and refuses the next with a report that says so. The service it starts here is a jar that
 * only waits, so that the processes stay up while the limit is reached.
 */
class AgentLimitsTest {

    private static final ControlKey KEY = ControlKey.generate();

    @Test
    void runsAtMostFourProcessesAtOnceAndReportsTheLaunchItRefused(@TempDir Path home) throws Exception {
        writeWaitingJar(new HandoffHome(home).consumerJar(), home.resolve("classes"));
        try (InJvmKafka kafka = InJvmKafka.start()) {
            kafka.createContractTopics(1);
            try (Agent agent = new Agent("c-limits", Role.CONSUMER, new KafkaEndpoint(kafka.bootstrapServers(), KEY),
                    new HandoffHome(home), new Console(System.out, System.err, true))) {
                // As the coordinator does: the agent's incarnation from its hello goes into each launch.
                String incarnation = hello(kafka, hello -> true).incarnation();
                List<ProducerRecord<byte[], byte[]>> launches = new ArrayList<>();
                // A sealed launch for an earlier process of this agent (a copy written after a restart): refused.
                launches.add(ControlRecords.signed(KEY, new io.handoff.shared.message.control.Launch("limits-run",
                        "c-limits", System.currentTimeMillis(), "launch-old", "consumer-9", Role.CONSUMER, Map.of(),
                        "0123456789abcdef")));
                for (int i = 0; i < Agent.MAX_RUNNING + 2; i++) {
                    launches.add(ControlRecords.signed(KEY, new io.handoff.shared.message.control.Launch("limits-run",
                            "c-limits", System.currentTimeMillis(), "launch-" + i, "consumer-" + i, Role.CONSUMER, Map.of(),
                            incarnation)));
                }
                kafka.send(Topics.CONTROL, launches);
                List<StatusEvent> reports = new ArrayList<>();
                kafka.readUntil(Topics.STATUS, read -> {
                    reports.clear();
                    read.forEach(r -> status(r.value()).ifPresent(reports::add));
                    return reports.stream().filter(e -> e instanceof ProcessLaunched || e instanceof ProcessExited)
                            .count() >= Agent.MAX_RUNNING + 2;
                }, Duration.ofSeconds(60));

                assertThat(reports.stream().filter(ProcessLaunched.class::isInstance)).as("processes started")
                        .hasSize(Agent.MAX_RUNNING);
                List<ProcessExited> refused = reports.stream().filter(ProcessExited.class::isInstance)
                        .map(ProcessExited.class::cast).toList();
                assertThat(refused).as("launches refused").hasSize(2).allSatisfy(exited -> {
                    assertThat(exited.exitCode()).isEqualTo(127);
                    assertThat(exited.logTail()).anyMatch(line -> line.contains("at most " + Agent.MAX_RUNNING + " at once"));
                });
                assertThat(reports).as("nothing at all for the earlier incarnation's launch")
                        .noneMatch(e -> e instanceof ProcessLaunched l && l.launchId().equals("launch-old"))
                        .noneMatch(e -> e instanceof ProcessExited x && x.launchId().equals("launch-old"));
                assertThat(hello(kafka, hello -> hello.controlRefused().getOrDefault("replayed", 0L) == 1)
                        .controlRefused()).as("counted as a replay").containsEntry("replayed", 1L);
            }
        }
    }

    /** The newest hello of the agent under test that satisfies {@code wanted}, once there is one. */
    private static io.handoff.shared.message.AgentHello hello(InJvmKafka kafka,
            java.util.function.Predicate<io.handoff.shared.message.AgentHello> wanted) {
        List<io.handoff.shared.message.AgentHello> hellos = new ArrayList<>();
        kafka.readUntil(Topics.STATUS, read -> {
            hellos.clear();
            read.forEach(r -> status(r.value()).filter(io.handoff.shared.message.AgentHello.class::isInstance)
                    .map(io.handoff.shared.message.AgentHello.class::cast).filter(wanted).ifPresent(hellos::add));
            return !hellos.isEmpty();
        }, Duration.ofSeconds(30));
        assertThat(hellos).as("hellos of the agent").isNotEmpty();
        return hellos.getLast();
    }

    private static java.util.Optional<StatusEvent> status(byte[] value) {
        try {
            return java.util.Optional.of(Json.read(value, StatusEvent.class));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** A jar whose main waits ten minutes: a process that is up, until the agent stops it. */
    private static void writeWaitingJar(Path jar, Path classes) throws IOException {
        Files.createDirectories(classes);
        Path source = Files.writeString(classes.resolve("Waits.java"),
                "public class Waits { public static void main(String[] a) throws Exception { Thread.sleep(600_000); } }");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString())).as("javac").isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Waits");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("Waits.class"));
            out.write(Files.readAllBytes(classes.resolve("Waits.class")));
            out.closeEntry();
        }
    }
}
