package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.shared.config.LockMode;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.testing.InJvmKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every lock mode with both kinds of worker thread, end to end through real processes: the safe modes
 * verify (lost = 0, conservation, exit 0); {@code unsafe} loses no item but drifts, and the run says so and
 * exits non-zero. One broker serves all the runs, one after another.
 */
class LockModesIT {

    static final int ITEMS = 10_000;
    static InJvmKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = InJvmKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static Stream<Arguments> modesAndThreads() {
        return Arrays.stream(LockMode.values())
                .flatMap(mode -> Arrays.stream(ThreadKind.values()).map(kind -> Arguments.of(mode, kind)));
    }

    @ParameterizedTest(name = "--lock-mode {0} --threads {1}")
    @MethodSource("modesAndThreads")
    void verifiesEndToEndAndReportsHowTheLocksBehaved(LockMode mode, ThreadKind kind, @TempDir Path dir)
            throws Exception {
        Path reportFile = dir.resolve("r.json");

        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(3), "run", "--bootstrap", kafka.bootstrapServers(),
                "--producers", "1", "--consumers", "2", "--items", Integer.toString(ITEMS), "--partitions", "4",
                "--lock-mode", mode.label(), "--threads", kind.label(), "--report", reportFile.toString(), "--quiet");

        JsonNode report = Launcher.report(reportFile);
        assertThat(report.get("lost").asLong()).as("no item lost in any mode").isZero();
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(ITEMS);
        assertThat(report.get("settings").get("lockMode").asText()).isEqualTo(mode.label());
        assertThat(report.get("consumers")).allSatisfy(consumer -> {
            assertThat(consumer.get("concurrency").get("threads").asText()).isEqualTo(kind.label());
            assertThat(consumer.get("concurrency").get("auditHighWater").asInt())
                    .isBetween(1, consumer.get("concurrency").get("auditPermits").asInt());
            assertThat(consumer.get("concurrency").get("contextMissing").asLong()).isZero();
        });
        long drift = 0;
        for (JsonNode consumer : report.get("consumers")) {
            drift += Math.abs(consumer.get("ledger").get("drift").asLong());
        }
        if (mode == LockMode.UNSAFE) {
            assertThat(drift).as("lost updates in unsafe mode: EXPECTED").isPositive();
            assertThat(outcome.exitCode()).as("a drifted ledger fails the run").isEqualTo(1);
            assertThat(report.get("verdict").asText()).contains("ledger conserved")
                    .contains("--lock-mode unsafe takes no locks");
        } else {
            assertThat(drift).as("money lost or invented in %s mode: FORBIDDEN", mode).isZero();
            assertThat(outcome.exitCode()).as("stdout %s stderr %s", outcome.out(), outcome.err()).isZero();
            assertThat(report.get("consumers")).allSatisfy(consumer -> assertThat(
                    consumer.get("concurrency").get("reentries").asLong()).as("re-entrant adjustments")
                    .isEqualTo(2 * consumer.get("processed").asLong()));
        }
    }
}
