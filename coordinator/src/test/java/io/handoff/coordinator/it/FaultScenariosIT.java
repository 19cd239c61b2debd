package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults that hurt pipelines most, each run as its scenario with {@code ./handoff run --scenario NAME}, on a
 * real broker and real service processes: nothing lost, and the scenario's own checks hold.
 */
class FaultScenariosIT {

    /**
     * The broker is killed with kill -9 mid-run and again just after the stop, and started again on its data each
     * time. The producers and consumers keep the processes they had; every acknowledged item reaches results.
     */
    @Test
    void theBrokerKilledMidRunAndDuringTheDrainLosesNothing(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("r.json");

        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(4), "run", "--scenario", "broker-restart",
                "--report", reportFile.toString(), "--quiet");

        JsonNode report = Launcher.report(reportFile);
        assertThat(outcome.exitCode()).as("verdict: %s", report.get("verdict").asText()).isZero();
        assertThat(report.get("scenario").asText()).isEqualTo("broker-restart");
        JsonNode history = report.get("history");
        assertThat(history.get("acknowledged").asLong()).isPositive().isEqualTo(history.get("ok").asLong());
        assertThat(history.get("lost").asLong()).isZero();
        assertThat(history.get("outOfOrder").asLong()).isZero();
        List<JsonNode> faults = new ArrayList<>();
        report.get("faults").forEach(faults::add);
        assertThat(faults).hasSize(2).allSatisfy(fault -> {
            assertThat(fault.get("kind").asText()).isEqualTo("broker-restart");
            assertThat(fault.get("downMs").asLong()).as("back after the pause").isGreaterThanOrEqualTo(3_000);
        });
        assertThat(faults.get(0).get("target").asText()).endsWith("(mid-run)");
        assertThat(faults.get(0).get("recoveryMs").asLong()).as("flowing again after it was back")
                .isGreaterThan(faults.get(0).get("downMs").asLong());
        assertThat(faults.get(1).get("target").asText()).endsWith("(during the drain)");
        assertThat(report.get("broker").get("pid").asLong()).as("the report names the broker that finished the run")
                .isNotEqualTo(pid(faults.get(0))).isNotEqualTo(pid(faults.get(1)));
        for (String name : List.of("broker restarted mid-run", "broker restarted during the drain",
                "services carried on", "duplicates within the uncommitted window", "ended by sentinels", "clean exits")) {
            assertThat(check(report, name).get("passed").asBoolean()).as(name + ": " + check(report, name)).isTrue();
        }
        assertThat(report.get("consumers")).allSatisfy(consumer ->
                assertThat(consumer.get("exitCode").asInt()).as("no consumer restarted or killed").isZero());
    }

    private static long pid(JsonNode fault) {
        return fault.get("pid").asLong();
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report.get("checks"));
    }
}
