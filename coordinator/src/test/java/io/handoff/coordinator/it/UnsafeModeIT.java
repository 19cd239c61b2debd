package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --lock-mode unsafe}, end to end: no item lost, but the ledgers drift, and the run fails saying why. */
class UnsafeModeIT {

    @Test
    void losesNoItemButDriftsAndExitsNonZeroNamingTheRace(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("r.json");

        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(3), "run", "--items", "20000", "--lock-mode", "unsafe",
                "--threads", "virtual", "--report", reportFile.toString(), "--quiet");

        JsonNode report = Launcher.report(reportFile);
        long drift = 0;
        for (JsonNode consumer : report.get("consumers")) {
            drift += Math.abs(consumer.get("ledger").get("drift").asLong());
        }
        assertThat(report.get("lost").asLong()).as("no item lost in any mode").isZero();
        assertThat(drift).as("lost updates in unsafe mode: EXPECTED").isPositive();
        assertThat(outcome.exitCode()).as("a drifted ledger fails the run").isEqualTo(1);
        assertThat(outcome.out()).contains("FAILED: ledger conserved").contains("--lock-mode unsafe takes no locks");
    }
}
