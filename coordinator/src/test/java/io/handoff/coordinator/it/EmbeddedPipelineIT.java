package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline as separate processes: an embedded Kafka broker, 2 producer and 3 consumer JVMs,
 * started and audited by the coordinator through {@code ./handoff run}.
 */
class EmbeddedPipelineIT {

    @Test
    void twoHundredThousandItemsCrossFromTwoProducersToThreeConsumersWithNoneLost(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("r.json");

        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(5), "run", "--producers", "2", "--consumers", "3",
                "--items", "200000", "--partitions", "6", "--report", reportFile.toString());

        assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isZero();
        JsonNode report = Launcher.report(reportFile);
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("produced").asLong()).isEqualTo(200_000);
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(200_000);
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("duplicates").asLong()).as("a clean run repeats no work").isZero();
        assertThat(report.get("itemsPerSec").asDouble()).isPositive();
        assertThat(report.get("e2eLatencyMs").get("p99").asLong())
                .isGreaterThanOrEqualTo(report.get("e2eLatencyMs").get("p50").asLong());
        assertThat(report.get("consumers")).hasSize(3).allSatisfy(consumer -> {
            assertThat(consumer.get("ledger").get("drift").asLong()).isZero();
            assertThat(consumer.get("exitCode").asInt()).isZero();
            assertThat(consumer.get("resultsUnique").asLong()).as("every consumer did a share").isPositive();
        });
        assertThat(report.get("producers")).hasSize(2)
                .allSatisfy(producer -> assertThat(producer.get("sent").asLong()).isEqualTo(100_000));
        assertThat(report.get("checks")).allSatisfy(check -> assertThat(check.get("passed").asBoolean())
                .as(check.get("name").asText() + ": " + check.get("detail").asText()).isTrue());
        assertThat(outcome.out()).contains("PASSED: lost = 0");

        assertThat(Launcher.pids(report)).as("broker, producers and consumers").hasSize(6)
                .allSatisfy(pid -> assertThat(Launcher.alive(pid)).as("pid %d still running", pid).isFalse());
        Path logs = Path.of(report.get("logs").asText());
        assertThat(logs.resolve("consumer-2.log")).exists();
        assertThat(logs.resolve("broker-data")).as("the broker's data is deleted after the run").doesNotExist();
        assertThat(Files.readString(logs.resolve("producer-0.log"))).contains("sent 100000 items");
    }
}
