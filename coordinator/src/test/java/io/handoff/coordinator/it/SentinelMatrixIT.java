package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.shared.testing.InJvmKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sentinel protocol across shapes: producers 1 and 3, consumers 1 and 4, partitions 1, 6 and 12. Every
 * run must end by sentinels (each partition finished: every producer's sentinel seen, everything before it
 * processed), lose nothing, and every child must exit 0. The runs also walk through the safe lock modes and
 * both thread kinds, and one kills worker threads, so each combination is shown end to end.
 */
class SentinelMatrixIT {

    static final int ITEMS = 3_000;
    static final String[][] MODES = {{"ordered", "platform"}, {"trylock", "virtual"}, {"naive", "platform"},
        {"ordered", "virtual"}, {"trylock", "platform"}, {"naive", "virtual"}};
    static InJvmKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = InJvmKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int producers : new int[] {1, 3}) {
            for (int consumers : new int[] {1, 4}) {
                for (int partitions : new int[] {1, 6, 12}) {
                    String[] mode = MODES[shapes.size() % MODES.length];
                    shapes.add(Arguments.of(producers, consumers, partitions, mode[0], mode[1]));
                }
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0} producer(s), {1} consumer(s), {2} partition(s), {3} locks on {4} threads")
    @MethodSource("shapes")
    void everyRunEndsBySentinelsWithNothingLostAndCleanExits(int producers, int consumers, int partitions,
            String lockMode, String threads, @TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("r.json");
        boolean crashWorkers = producers == 3 && consumers == 1 && partitions == 6;

        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(3), "run", "--bootstrap", kafka.bootstrapServers(),
                "--producers", Integer.toString(producers), "--consumers", Integer.toString(consumers),
                "--partitions", Integer.toString(partitions), "--items", Integer.toString(ITEMS), "--lock-mode", lockMode,
                "--threads", threads, "--worker-crash-every", crashWorkers ? "700" : "0", "--report",
                reportFile.toString(), "--quiet");

        JsonNode report = Launcher.report(reportFile);
        assertThat(outcome.exitCode()).as("verdict: %s", report.get("verdict").asText()).isZero();
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(ITEMS);
        assertThat(report.get("settings").get("partitions").asInt()).isGreaterThanOrEqualTo(partitions);
        List<Integer> finished = new ArrayList<>();
        report.get("consumers").forEach(c -> c.get("finishedPartitions").forEach(p -> finished.add(p.asInt())));
        assertThat(finished).as("every partition finished by some consumer")
                .containsAll(IntStream.range(0, report.get("settings").get("partitions").asInt()).boxed().toList());
        assertThat(report.get("producers")).allSatisfy(p -> assertThat(p.get("exitCode").asInt()).isZero());
        assertThat(report.get("consumers")).allSatisfy(c -> {
            assertThat(c.get("exitCode").asInt()).isZero();
            assertThat(c.get("ledger").get("drift").asLong()).as("drift in %s mode", lockMode).isZero();
            assertThat(c.get("concurrency").get("lockMode").asText()).isEqualTo(lockMode);
            assertThat(c.get("concurrency").get("threads").asText()).isEqualTo(threads);
            assertThat(c.get("concurrency").get("reentries").asLong()).isEqualTo(2 * c.get("processed").asLong());
        });
        if (crashWorkers) {
            long replaced = 0;
            for (JsonNode c : report.get("consumers")) {
                replaced += c.get("concurrency").get("workersReplaced").asLong();
            }
            assertThat(replaced).as("worker threads killed and replaced, their items re-run").isPositive();
        }
        assertThat(Launcher.pids(report)).allSatisfy(pid -> assertThat(Launcher.alive(pid)).isFalse());
    }
}
