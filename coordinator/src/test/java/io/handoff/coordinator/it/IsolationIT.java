package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers die, the run goes on: killed by the coordinator twenty times at random moments, halted by a
 * crash command, and killed by a user's {@code kill -9} while the run drains. Every time: nothing lost,
 * redone work within the uncommitted window, producers at their pace.
 */
class IsolationIT {

    @Test
    void twentyKillsAtRandomMomentsLoseNothing(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("r.json");

        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(6), "run", "--producers", "2", "--consumers", "3",
                "--items", "0", "--stop-after", "1s", "--rate", "400", "--kill-consumer-after-ms", "800",
                "--kills", "20", "--restart-killed", "--report", reportFile.toString(), "--quiet");

        JsonNode report = Launcher.report(reportFile);
        assertThat(outcome.exitCode()).as("verdict: %s", report.get("verdict").asText()).isZero();
        assertThat(report.get("outages")).hasSize(20).allSatisfy(outage -> {
            assertThat(outage.get("cause").asText()).isEqualTo("kill -9 by the coordinator");
            assertThat(outage.get("restartedPid").asLong()).isPositive();
            assertThat(outage.get("recoveryMs").asLong()).as("recovered").isPositive();
            assertThat(outage.get("producerRateDuring").asDouble())
                    .isGreaterThanOrEqualTo(0.75 * outage.get("producerRateBefore").asDouble());
        });
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(check(report, "isolation").get("passed").asBoolean()).as("duplicates within the window").isTrue();
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
    }

    @Test
    void aConsumerHaltedByACrashCommandIsReplacedAndTheRunVerifies(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("r.json");

        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(3), "run", "--consumers", "2", "--items", "0",
                "--stop-after", "1s", "--rate", "500", "--kill-consumer-after-ms", "3000", "--kill-via-control",
                "--restart-killed", "--report", reportFile.toString(), "--quiet");

        JsonNode report = Launcher.report(reportFile);
        assertThat(outcome.exitCode()).as("verdict: %s", report.get("verdict").asText()).isZero();
        assertThat(report.get("outages")).singleElement().satisfies(outage -> {
            assertThat(outage.get("cause").asText()).isEqualTo("crash command by the coordinator");
            assertThat(outage.get("recoveryMs").asLong()).isPositive();
            assertThat(outage.get("restartedPid").asLong()).as("replaced").isPositive()
                    .isNotEqualTo(outage.get("pid").asLong());
        });
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
    }

    @Test
    void aUsersKillDuringTheDrainStillEndsInAVerifiedRun(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("r.json");
        // Producers paced (10,000 items/s together) faster than the slowed consumers: a backlog of seconds is
        // left to drain, whatever the machine's speed, and the kill lands in it.
        Launcher.Running run = Launcher.start("run", "--consumers", "3", "--items", "0", "--stop-after", "8s",
                "--rate", "5000", "--consumer-delay-ms", "2", "--report", reportFile.toString());

        run.awaitLine("stop        sent", Duration.ofMinutes(2));
        List<ProcessHandle> consumers = run.consumers();
        assertThat(consumers).as("consumers running while the run drains").isNotEmpty();
        ProcessHandle victim = consumers.getFirst();
        victim.destroyForcibly(); // kill -9, from outside the coordinator
        int exitCode = run.awaitExit(Duration.ofMinutes(3));

        JsonNode report = Launcher.report(reportFile);
        assertThat(exitCode).as("verdict: %s", report.get("verdict").asText()).isZero();
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
        assertThat(report.get("outages")).anySatisfy(outage -> {
            assertThat(outage.get("pid").asLong()).isEqualTo(victim.pid());
            assertThat(outage.get("cause").asText()).startsWith("died (exit 137)");
        });
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check named " + name);
    }
}
