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
        JsonNode report = passed("broker-restart", Duration.ofMinutes(4), dir);
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
                .isGreaterThanOrEqualTo(faults.get(0).get("downMs").asLong());
        assertThat(faults.get(1).get("target").asText()).endsWith("(during the drain)");
        assertThat(report.get("broker").get("pid").asLong()).as("the report names the broker that finished the run")
                .isNotEqualTo(pid(faults.get(0))).isNotEqualTo(pid(faults.get(1)));
        assertPassed(report, "broker restarted mid-run", "broker restarted during the drain",
                "services carried on", "duplicates within the uncommitted window", "ended by sentinels", "clean exits");
        assertThat(report.get("consumers")).allSatisfy(consumer ->
                assertThat(consumer.get("exitCode").asInt()).as("no consumer restarted or killed").isZero());
    }

    /**
     * The broker stalled with SIGSTOP for three seconds mid-run, as a slow disk would stall it, then let go: every
     * client waited and went on, every service in the process it started with, nothing lost; the group rebalanced
     * as the broker found the sessions late, and what it redid fits what was uncommitted at the stall.
     */
    @Test
    void theBrokerStalledMidRunLosesNothingAndRestartsNoService(@TempDir Path dir) throws Exception {
        JsonNode report = passed("broker-pause", Duration.ofMinutes(3), dir);
        JsonNode history = report.get("history");
        assertThat(history.get("acknowledged").asLong()).isPositive().isEqualTo(history.get("ok").asLong());
        assertThat(history.get("lost").asLong()).isZero();
        assertThat(report.get("faults")).singleElement().satisfies(fault -> {
            assertThat(fault.get("kind").asText()).isEqualTo("broker-pause");
            assertThat(fault.get("downMs").asLong()).as("stalled for its three seconds").isGreaterThanOrEqualTo(3_000);
            assertThat(fault.get("recoveryMs").asLong()).isGreaterThanOrEqualTo(fault.get("downMs").asLong());
        });
        assertPassed(report, "broker stalled and went on", "services carried on",
                "duplicates within the uncommitted window", "every item produced", "ended by sentinels", "clean exits");
        assertThat(report.get("consumers")).allSatisfy(consumer ->
                assertThat(consumer.get("exitCode").asInt()).as("no consumer restarted or killed").isZero());
    }

    /**
     * A producer killed with kill -9 and started again: every item Kafka acknowledged for it, read off the items
     * topic since it never reported, reaches results; its successor continues its numbering, so nothing is done
     * twice (the run has no consumer fault: duplicates must be 0).
     */
    @Test
    void aProducerKilledMidRunLosesNothingKafkaAcknowledgedAndItsSuccessorContinues(@TempDir Path dir)
            throws Exception {
        JsonNode report = passed("producer-kill", Duration.ofMinutes(3), dir);
        assertThat(report.get("faults")).singleElement().satisfies(fault -> {
            assertThat(fault.get("kind").asText()).isEqualTo("producer-kill");
            assertThat(fault.get("recoveryMs").asLong()).as("the successor's items on the topic").isPositive();
        });
        JsonNode history = report.get("history");
        assertThat(history.get("lost").asLong()).isZero();
        assertThat(history.get("duplicated").asLong()).as("the successor reused no number").isZero();
        assertThat(history.get("unacknowledged").asLong()).isNotNegative();
        assertThat(history.get("acknowledged").asLong()).isEqualTo(history.get("ok").asLong());
        assertPassed(report, "producer restarted and continued", "no duplicates without a fault",
                "every item produced", "ended by sentinels", "clean exits");
        assertThat(check(report, "clean exits").get("detail").asText()).contains("killed: producer-0");
    }

    /**
     * Bad records written among the items, before the start and mid-stream: each reaches the dead-letter topic
     * with a reason that names what was wrong, and every partition carries on past them.
     */
    @Test
    void badRecordsMidStreamAreEachDeadLetteredAndStopNoReader(@TempDir Path dir) throws Exception {
        JsonNode report = passed("poison", Duration.ofMinutes(3), dir);
        JsonNode malformed = report.get("malformed");
        assertThat(malformed.get("injected").asLong()).as("12 before the start, 18 mid-stream").isEqualTo(30);
        assertThat(malformed.get("fates")).hasSize(30).allSatisfy(fate -> {
            assertThat(fate.get("deadLettered").asBoolean()).as(fate.toString()).isTrue();
            assertThat(fate.get("reason").asText()).as(fate.toString()).isNotBlank();
        });
        assertThat(report.get("history").get("lost").asLong()).isZero();
        assertThat(report.get("history").get("unexpected").asLong()).as("no bad record became a result").isZero();
        assertPassed(report, "every bad record dead-lettered with its reason", "no reader stopped",
                "dead letters accounted for", "no duplicates without a fault");
    }

    /**
     * A consumer frozen with SIGSTOP for three sessions: the group gives its partitions to the other; let go with
     * SIGCONT, it finds them gone (fenced), rejoins and works again, in the same process.
     */
    @Test
    void aConsumerFrozenPastItsSessionIsFencedRejoinsAndLosesNothing(@TempDir Path dir) throws Exception {
        JsonNode report = passed("consumer-pause", Duration.ofMinutes(3), dir);
        assertThat(report.get("faults")).singleElement().satisfies(fault -> {
            assertThat(fault.get("kind").asText()).isEqualTo("consumer-pause");
            assertThat(fault.get("downMs").asLong()).as("the group moved on after the session ran out")
                    .isGreaterThanOrEqualTo(2_000);
            assertThat(fault.get("recoveryMs").asLong()).as("back at work after it was let go")
                    .isGreaterThan(fault.get("downMs").asLong());
        });
        assertThat(report.get("history").get("lost").asLong()).isZero();
        assertThat(report.get("history").get("outOfOrder").asLong()).isZero();
        assertPassed(report, "group moved on without the stalled consumer", "stalled consumer fenced and back",
                "services carried on", "duplicates within the uncommitted window", "ledger conserved", "clean exits");
    }

    /**
     * Consumers join and leave every 2 s for 30 s, through the stop and the drain: every move a rebalance, lost 0,
     * and the work redone within what the consumers reported uncommitted before each move.
     */
    @Test
    void consumersJoiningAndLeavingEveryTwoSecondsLoseNothing(@TempDir Path dir) throws Exception {
        JsonNode report = passed("rebalance-storm", Duration.ofMinutes(4), dir);

        assertThat(report.get("history").get("lost").asLong()).isZero();
        assertThat(report.get("history").get("outOfOrder").asLong()).isZero();
        assertThat(report.get("faults")).singleElement().satisfies(fault ->
                assertThat(fault.get("kind").asText()).isEqualTo("rebalance-storm"));
        assertThat(report.get("consumers").size()).as("consumers that joined, beyond the two").isGreaterThan(4);
        assertPassed(report, "the storm blew, through the drain", "duplicates within the uncommitted window",
                "ended by sentinels", "ledger conserved", "clean exits");
    }

    /** Runs the scenario; its run must pass (exit 0). Returns its report. */
    private static JsonNode passed(String scenario, Duration timeout, Path dir) throws Exception {
        Path reportFile = dir.resolve(scenario + ".json");
        Launcher.Outcome outcome = Launcher.run(timeout, "run", "--scenario", scenario, "--report",
                reportFile.toString(), "--quiet");
        JsonNode report = Launcher.report(reportFile);
        assertThat(outcome.exitCode()).as("verdict: %s", report.get("verdict").asText()).isZero();
        assertThat(report.get("scenario").asText()).isEqualTo(scenario);
        return report;
    }

    private static void assertPassed(JsonNode report, String... names) {
        for (String name : names) {
            assertThat(check(report, name).get("passed").asBoolean()).as(name + ": " + check(report, name)).isTrue();
        }
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
