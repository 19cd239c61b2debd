package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./handoff soak}, two minutes of it: unpaced at first, then at half the pipeline's most, with a fault every
 * 12 s (consumer kill, broker restart, producer kill, rebalance), every process and file sampled every 5 s. Nothing
 * is lost, every fault recovers, and no process's heap, threads or files, and no file of the run, grows.
 */
class SoakIT {

    @Test
    void twoMinutesOfFaultsAtHalfTheMostLoseNothingAndNothingGrows(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("soak.json");
        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(6), "soak", "--duration", "120s", "--every", "12s",
                "--sample-every", "5s", "--report", reportFile.toString());
        JsonNode report = Launcher.report(reportFile);
        assertThat(outcome.exitCode()).as("verdict: %s\n%s", report.get("verdict").asText(), outcome.out()).isZero();

        JsonNode history = report.get("history");
        assertThat(history.get("lost").asLong()).isZero();
        assertThat(history.get("acknowledged").asLong()).isPositive().isEqualTo(history.get("ok").asLong());
        assertThat(history.get("outOfOrder").asLong()).isZero();
        Set<String> kinds = new HashSet<>();
        report.get("faults").forEach(fault -> {
            kinds.add(fault.get("kind").asText());
            assertThat(fault.get("recoveryMs").isNull()).as("recovered: %s", fault).isFalse();
        });
        assertThat(kinds).containsExactlyInAnyOrder("consumer-kill", "broker-restart", "producer-kill", "rebalance");
        for (String check : List.of("every kind of fault, each recovered", "paced at half the pipeline's most",
                "duplicates within the uncommitted window", "no growth: heap after GC", "no growth: threads",
                "no growth: open files", "no growth: size on disk", "ended by sentinels", "clean exits")) {
            assertThat(check(report, check).get("passed").asBoolean()).as("%s: %s", check, check(report, check))
                    .isTrue();
        }

        JsonNode soak = Launcher.report(Path.of(report.get("logs").asText()).resolve("soak.json"));
        // Paced: from the calibration's end to the stop the pipeline did at most half its most, faults and all.
        assertThat(soak.get("achievedPerSecond").asDouble()).isPositive()
                .isLessThan(0.75 * soak.get("measuredPerSecond").asDouble());
        Set<String> sampled = new HashSet<>();
        soak.get("samples").forEach(s -> sampled.add(s.get("process").asText()));
        assertThat(sampled).as("every kind of process sampled").contains("coordinator", "broker", "producer-0",
                "producer-1", "consumer-0", "consumer-1");
        List<String> judged = new ArrayList<>();
        soak.get("growths").forEach(g -> {
            if (g.get("judged").asBoolean()) {
                judged.add(g.get("metric").asText() + " " + g.get("series").asText());
                assertThat(g.get("passed").asBoolean()).as("%s", g).isTrue();
            }
        });
        assertThat(judged).as("long-lived processes judged on every metric")
                .contains("HEAP producer-1 pid " + pid(report, "producers", "producer-1"),
                        "THREADS consumer-1 pid " + pid(report, "consumers", "consumer-1"))
                .anyMatch(s -> s.startsWith("OPEN_FILES coordinator")).anyMatch(s -> s.equals("DISK broker-data"));
    }

    private static long pid(JsonNode report, String role, String id) {
        for (JsonNode process : report.get(role)) {
            if (process.get("id").asText().equals(id) && process.get("exitCode").asInt() == 0) {
                return process.get("pid").asLong();
            }
        }
        throw new AssertionError("no " + id + " that exited 0 in " + report.get(role));
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
