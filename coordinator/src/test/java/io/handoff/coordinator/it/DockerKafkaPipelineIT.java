package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline against Kafka's official image, where a Docker engine exists; skipped cleanly elsewhere.
 * {@link ExternalBrokerIT} covers the same {@code --bootstrap} path with a broker started without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerKafkaPipelineIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.1");

    @Test
    void verifiesAgainstTheOfficialKafkaImage(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("r.json");

        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(4), "run", "--bootstrap",
                KAFKA.getBootstrapServers(), "--producers", "2", "--consumers", "2", "--items", "20000",
                "--partitions", "4", "--report", reportFile.toString());

        assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
        JsonNode report = Launcher.report(reportFile);
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(20_000);
    }
}
