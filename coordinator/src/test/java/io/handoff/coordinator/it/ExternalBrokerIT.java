package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.shared.json.ItemParser;
import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.Result;
import io.handoff.shared.testing.InJvmKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --bootstrap}: runs against a Kafka broker started separately (here Kafka's own test kit in this
 * JVM), one after another on the same topics. Each run must verify on its own records only, and the
 * records must stay for any other client to read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalBrokerIT {

    static final int ITEMS = 20_000;
    static final int MALFORMED = 30;
    /** Two runs, two producers, four partitions: a sentinel per producer per partition per run. */
    static final int SENTINELS = 2 * 2 * 4;
    static InJvmKafka kafka;
    static final List<String> runIds = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = InJvmKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    private static JsonNode run(Path report, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap", kafka.bootstrapServers(), "--producers", "2",
                "--consumers", "2", "--items", Integer.toString(ITEMS), "--partitions", "4",
                "--report", report.toString()));
        args.addAll(List.of(extra));
        Launcher.Outcome outcome = Launcher.run(Duration.ofMinutes(4), args.toArray(String[]::new));
        assertThat(outcome.exitCode()).as("exit code; stdout: %s stderr: %s", outcome.out(), outcome.err()).isZero();
        JsonNode json = Launcher.report(report);
        runIds.add(json.get("runId").asText());
        assertThat(Launcher.pids(json)).allSatisfy(pid -> assertThat(Launcher.alive(pid)).isFalse());
        return json;
    }

    @Test
    @Order(1)
    void aRunOnAnExistingBrokerVerifies(@TempDir Path dir) throws Exception {
        JsonNode report = run(dir.resolve("first.json"));

        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(ITEMS);
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.has("broker")).as("no embedded broker with --bootstrap").isFalse();
        assertThat(report.get("settings").get("bootstrap").asText()).isEqualTo(kafka.bootstrapServers());
    }

    @Test
    @Order(2)
    void aSecondRunOnTheSameTopicsCountsOnlyItsOwnRecordsAndDeadLettersMalformedOnes(@TempDir Path dir)
            throws Exception {
        JsonNode report = run(dir.resolve("second.json"), "--malformed", Integer.toString(MALFORMED));

        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("produced").asLong()).isEqualTo(ITEMS);
        assertThat(report.get("consumedUnique").asLong()).as("the first run's results do not count").isEqualTo(ITEMS);
        assertThat(report.get("duplicates").asLong()).isZero();
        assertThat(report.get("malformed").get("injected").asLong()).isEqualTo(MALFORMED);
        assertThat(report.get("malformed").get("deadLettered").asLong()).isEqualTo(MALFORMED);
        assertThat(report.get("malformed").get("consumersCounted").asLong()).isGreaterThanOrEqualTo(MALFORMED);
    }

    @Test
    @Order(3)
    void anotherClientReadsBothRunsItemsResultsAndTheDeadLettersWithTheirReasons() {
        assertThat(runIds).hasSize(2);
        Map<String, Long> items = kafka.readUntil(Topics.ITEMS, read -> read.size() >= 2L * ITEMS + MALFORMED + SENTINELS,
                        Duration.ofSeconds(60)).stream().filter(record -> !InJvmKafka.isSentinel(record))
                .collect(Collectors.groupingBy(record -> {
                    try {
                        return ItemParser.parse(record.value()).runId();
                    } catch (Exception e) {
                        return "malformed";
                    }
                }, Collectors.counting()));
        Map<String, Long> results = countByRun(Topics.RESULTS, 2L * ITEMS, bytes -> read(bytes, Result.class).runId());

        for (String runId : runIds) {
            assertThat(items).containsEntry(runId, (long) ITEMS);
            assertThat(results).containsEntry(runId, (long) ITEMS);
        }
        assertThat(items).containsEntry("malformed", (long) MALFORMED);

        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readUntil(Topics.ITEMS_DLQ, read -> read.size() >= MALFORMED,
                Duration.ofSeconds(30));
        assertThat(dead.stream().map(r -> header(r, "dead-letter-partition") + "/" + header(r, "dead-letter-offset"))
                .distinct()).as("distinct dead-lettered records, by origin").hasSize(MALFORMED);
        assertThat(dead).allSatisfy(record -> {
            assertThat(record.headers().lastHeader("dead-letter-reason")).isNotNull();
            assertThat(new String(record.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.ITEMS);
        });
        assertThat(dead.stream().map(r -> new String(r.headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).collect(Collectors.toSet()))
                .anyMatch(reason -> reason.startsWith("not JSON"))
                .anyMatch(reason -> reason.contains("not an item"))
                .anyMatch(reason -> reason.contains("amount must be > 0"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Long> countByRun(String topic, long expected, Function<byte[], String> runOf) {
        return kafka.readUntil(topic, read -> read.size() >= expected, Duration.ofSeconds(60)).stream()
                .collect(Collectors.groupingBy(record -> runOf.apply(record.value()), Collectors.counting()));
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return Json.read(bytes, type);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(4)
    void kcatAnIndependentClientFindsEveryResultOfBothRuns() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kcat")),
                "kcat is not installed (.ci/run installs it); the test above reads with the Java client");
        Process kcat = new ProcessBuilder("/usr/bin/kcat", "-C", "-b", kafka.bootstrapServers(), "-t", Topics.RESULTS,
                "-o", "beginning", "-e", "-q").redirectErrorStream(true).start();
        String out = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();

        for (String runId : runIds) {
            assertThat(out.lines().filter(line -> line.contains("\"runId\":\"" + runId + "\"")).count())
                    .isEqualTo(ITEMS);
        }
    }

    /**
     * Anyone who can reach the broker can write to Handoff's topics: thousands of generated bad records on
     * every one of them (items, results, status, control, the dead-letter topic) while a run goes stop no
     * reader, and fail nothing the run owns. The bad items are dead-lettered with their reasons and reported
     * as from outside the run.
     */
    @Test
    @Order(5)
    void thousandsOfBadRecordsOnEveryTopicDuringARunStopNoReaderAndFailNothing(@TempDir Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong onControl = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = Thread.ofPlatform().name("hostile-writer").start(() -> {
            java.util.Random random = new java.util.Random(10);
            List<String> topics = List.of(Topics.ITEMS, Topics.RESULTS, Topics.STATUS, Topics.CONTROL, Topics.ITEMS_DLQ);
            try {
                while (!done.get() && written.get() < 5_000) {
                    for (String topic : topics) {
                        List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            batch.add(hostile(topic, random));
                        }
                        kafka.send(topic, batch);
                        written.addAndGet(batch.size());
                        if (topic.equals(Topics.CONTROL)) {
                            onControl.addAndGet(batch.size());
                        }
                    }
                    Thread.sleep(100); // spread over the run, not all before it starts
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
        JsonNode report;
        try {
            report = run(dir.resolve("hostile.json"));
        } finally {
            done.set(true);
            writer.join(60_000);
        }
        assertThat(failure.get()).as("the writer's own errors").isNull();
        assertThat(written.get()).as("bad records written").isGreaterThanOrEqualTo(1_000);
        assertThat(report.get("passed").asBoolean()).as("verdict: %s", report.get("verdict")).isTrue();
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(ITEMS);
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
        String deadLetters = null;
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asText().equals("dead letters accounted for")) {
                deadLetters = check.get("detail").asText();
            }
        }
        assertThat(deadLetters).as("bad items of this run's stretch of items, reported")
                .contains("more from outside the run").contains("not written by a consumer");
        JsonNode rejected = report.get("rejected");
        assertThat(rejected.get("results").asLong()).as("bad records on results, counted: %s", rejected).isPositive();
        assertThat(rejected.get("status").asLong()).as("on status").isPositive();
        assertThat(rejected.get("deadLettersOfOthers").asLong()).as("bad items dead-lettered").isPositive();
        assertThat(rejected.get("notDeadLetters").asLong()).as("on the dead-letter topic").isPositive();
        // Every service reads all of control: each counts the bad records there as far as it read, never more.
        assertThat(rejected.get("control").asLong()).as("on control").isPositive().isLessThanOrEqualTo(onControl.get());
        List<JsonNode> services = new ArrayList<>();
        report.get("producers").forEach(services::add);
        report.get("consumers").forEach(services::add);
        assertThat(services).allSatisfy(service -> assertThat(service.at("/controlRefused/unreadable").asLong())
                .as("%s: bad records on control it counted", service.get("id").asText())
                .isPositive().isLessThanOrEqualTo(onControl.get()));
    }

    /** One bad record for {@code topic}: bytes, values and headers that anyone could write. */
    private static org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> hostile(String topic,
            java.util.Random random) {
        List<byte[]> values = java.util.Arrays.asList(null, new byte[0], bytes("null"), bytes("garbage"),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}, bytes("[]"), bytes("{}"), bytes("123"), bytes("\"text\""),
                bytes("{\"type\":null}"), bytes("{\"type\":\"stop\",\"runId\":null}"),
                bytes("{\"type\":\"hello\",\"runId\":[],\"instanceId\":{}}"),
                bytes("{\"runId\":\"someone-else\",\"producerId\":\"p\",\"seq\":-1}"),
                bytes("{\"runId\":\"r\",\"seq\":99999999999999999999999}"), bytes("[".repeat(3_000)),
                bytes("x".repeat(100_000)));
        byte[] value = values.get(random.nextInt(values.size()));
        byte[] key = random.nextBoolean() ? null : new byte[] {(byte) random.nextInt(), (byte) 0xc3};
        var record = new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, key, value);
        switch (random.nextInt(4)) {
            case 0 -> record.headers().add(io.handoff.shared.message.Sentinel.KIND_HEADER, null);
            case 1 -> record.headers().add(io.handoff.shared.message.Sentinel.KIND_HEADER, bytes("sentinel"));
            case 2 -> record.headers().add("dead-letter-reason", null);
            default -> {
                // no headers
            }
        }
        return record;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
