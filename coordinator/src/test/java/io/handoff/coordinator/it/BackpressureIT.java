package io.handoff.coordinator.it;

import io.handoff.coordinator.run.ServiceSettings;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer ten times slower than its producer. Without a credit window, Kafka absorbs the backlog: the
 * producer's memory stays flat and every in-process queue within its bound, while lag grows. With one,
 * unprocessed items never exceed it and the producer settles at the consumer's pace.
 */
class BackpressureIT {

    /** One consumer, 4 workers, 20 ms per item: about 200 items/s, a tenth of what the producer sends. */
    static final String[] SLOW = {"run", "--producers", "1", "--consumers", "1", "--rate", "2000",
        "--consumer-delay-ms", "20", "--measure-heap", "--quiet"};

    @Test
    void withoutAWindowMemoryAndQueuesStayBoundedWhileLagGrows(@TempDir Path dir) throws Exception {
        // 5,000 items at up to ten times the consumer's pace build a backlog of over 3,000 even on a slow run (the
        // producer at 705/s once), which drains in about twenty seconds at the consumer's pace. (A stop after 6 s
        // did the same, but the backlog then grew with the machine's speed: up to 11,000, a minute to drain.)
        JsonNode report = run(dir, "0", "--items", "5000");
        JsonNode flow = report.get("flow");

        assertThat(report.get("lost").asLong()).isZero();
        assertThat(flow.get("producerRate").asLong()).as("the producer runs ahead")
                .isGreaterThan(3 * flow.get("consumerRate").asLong());
        // Lag grows past every in-process bound (a slowed consumer holds at most 1,000 records): the backlog lives
        // in Kafka, not in memory. (With 4 s of producing this was 2,000-2,700 here, 1,595 on a slow run with the
        // producer at 705/s; hence 6 s.)
        assertThat(flow.get("maxUnprocessed").asLong()).as("lag grows without a window")
                .isGreaterThan(ServiceSettings.SLOW_CONSUMER_MAX_IN_FLIGHT);
        // The producer's queue is an ArrayBlockingQueue: its bound holds by construction. The consumer's is
        // kept by pausing partitions, which is what this checks.
        assertThat(flow.get("maxConsumerQueue").asInt()).isLessThanOrEqualTo(ServiceSettings.SLOW_CONSUMER_MAX_IN_FLIGHT);
        assertThat(flow.get("producerHeapMax").asLong()).as("producer heap flat: live data after a full collection")
                .isLessThanOrEqualTo(flow.get("producerHeapFirst").asLong() + 32L * 1024 * 1024);
    }

    @Test
    void withAWindowUnprocessedItemsStayWithinItAndRatesConverge(@TempDir Path dir) throws Exception {
        JsonNode report = run(dir, "400", "--items", "0", "--stop-after", "15s");
        JsonNode flow = report.get("flow");

        assertThat(report.get("lost").asLong()).isZero();
        assertThat(flow.get("maxUnprocessed").asLong()).isLessThanOrEqualTo(400);
        double producer = flow.get("producerRate").asDouble();
        double consumer = flow.get("consumerRate").asDouble();
        assertThat(Math.abs(producer - consumer) / consumer).as("producer %s/s, consumer %s/s", producer, consumer)
                .isLessThanOrEqualTo(0.2);
        assertThat(report.get("passed").asBoolean()).as("verdict: %s", report.get("verdict").asText()).isTrue();
    }

    /** The slow run with a credit window and an ending: {@code --items N}, or {@code --stop-after} a time. */
    private static JsonNode run(Path dir, String window, String... ending) throws Exception {
        Path reportFile = dir.resolve("r.json");
        String[] args = java.util.stream.Stream.of(java.util.Arrays.stream(SLOW), java.util.Arrays.stream(ending),
                java.util.stream.Stream.of("--credit-window", window, "--report", reportFile.toString()))
                .flatMap(s -> s).toArray(String[]::new);
        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(4), args);
        JsonNode report = Launcher.report(reportFile);
        assertThat(outcome.exitCode()).as("verdict: %s", report.get("verdict").asText()).isZero();
        return report;
    }
}
