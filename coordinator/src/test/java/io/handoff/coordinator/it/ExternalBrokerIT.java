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
     * reader, and fail nothing the run owns; each one is counted where it was written. The bad items are
     * dead-lettered with their reasons and reported as from outside the run.
     */
    @Test
    @Order(5)
    void thousandsOfBadRecordsOnEveryTopicDuringARunStopNoReaderFailNothingAndAreEachCounted(@TempDir Path dir)
            throws Exception {
        // Held open until every bad record is written: the run produces until the test stops it, so every bad
        // record precedes every sentinel (what follows a partition's sentinels is never read, by design) and the
        // stop on control, whatever the machine's speed. Paced, so that the hostile writes share the broker.
        Path reportFile = dir.resolve("hostile.json");
        Launcher.Running run = Launcher.start("run", "--bootstrap", kafka.bootstrapServers(), "--producers", "2",
                "--consumers", "2", "--items", "0", "--stop-after", HELD_OPEN, "--partitions", "4", "--rate", "1000",
                "--report", reportFile.toString());
        LivePage page = LivePage.of(run);
        // The run's folder, from a service's log path: its Prometheus targets name every service's metrics.
        Path runDir = Path.of(run.awaitLine("consumer-0  pid", Duration.ofSeconds(120)).replaceAll(".* log (\\S+)$",
                "$1")).getParent();
        run.awaitLine("producers start", Duration.ofSeconds(120));
        java.util.Random random = new java.util.Random(10);
        Map<String, Long> written = new java.util.TreeMap<>();
        for (String topic : List.of(Topics.ITEMS, Topics.RESULTS, Topics.STATUS, Topics.CONTROL, Topics.ITEMS_DLQ)) {
            List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (int i = 0; i < HOSTILE_PER_TOPIC; i++) {
                batch.add(hostile(topic, random));
            }
            kafka.send(topic, batch);
            written.put(topic, (long) batch.size());
        }
        assertThat(page.now().get("state").asText()).as("the run still going when the last bad record is written")
                .isEqualTo("running");
        // A consumer ends once its partitions are finished by sentinels, whether or not its reader of control has
        // reached the stop: held open until every service has counted every bad record on control (its own
        // counter, on its metrics endpoint), so that the report's counts cannot depend on the machine's speed.
        // A service that stops counting them fails here.
        awaitControlRefusedEverywhere(runDir, written.get(Topics.CONTROL));
        page.stop();
        assertThat(run.awaitExit(Duration.ofMinutes(3))).as("exit code of the run").isZero();
        JsonNode report = Launcher.report(reportFile);
        assertThat(report.get("passed").asBoolean()).as("verdict: %s", report.get("verdict")).isTrue();
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("produced").asLong()).as("items the run produced").isPositive();
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(report.get("produced").asLong());
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
        assertThat(Launcher.pids(report)).allSatisfy(pid -> assertThat(Launcher.alive(pid)).isFalse());
        System.out.println("hostile records written " + written + "; report rejected " + report.get("rejected")
                + ", malformed " + report.get("malformed") + ", dead letters check " + check(report, "dead letters accounted for"));
        List<JsonNode> services = new ArrayList<>();
        report.get("producers").forEach(services::add);
        report.get("consumers").forEach(services::add);
        services.forEach(service -> System.out.println("  " + service.get("id").asText() + " control refused "
                + service.get("controlRefused") + ", malformed " + service.get("malformed")));

        JsonNode rejected = report.get("rejected");
        assertThat(rejected.get("results").asLong() + rejected.get("resultsOfOtherRuns").asLong())
                .as("every bad record on results, counted: %s", rejected).isEqualTo(written.get(Topics.RESULTS));
        assertThat(rejected.get("status").asLong()).as("on status").isEqualTo(written.get(Topics.STATUS));
        assertThat(rejected.get("deadLettersOfOthers").asLong()).as("bad items, each dead-lettered")
                .isEqualTo(written.get(Topics.ITEMS));
        assertThat(rejected.get("notDeadLetters").asLong()).as("on the dead-letter topic")
                .isEqualTo(written.get(Topics.ITEMS_DLQ));
        assertThat(rejected.get("control").asLong()).as("on control").isEqualTo(written.get(Topics.CONTROL));
        assertThat(services).allSatisfy(service -> assertThat(service.at("/controlRefused/unreadable").asLong())
                .as("%s: bad records on control it counted", service.get("id").asText())
                .isEqualTo(written.get(Topics.CONTROL)));
        assertThat(check(report, "dead letters accounted for")).as("bad items of others, reported as such")
                .contains("more from outside the run").contains("not written by a consumer");
    }

    /**
     * The audit is as strict as the checkers it copies: into a clean, paced run the test writes a copy of one of
     * the run's results (an item applied twice, in a run where nothing failed) and a result for a key's earlier
     * item after a later one (applied out of order). The run fails, each on its own check, and its history counts
     * both.
     */
    @Test
    @Order(6)
    void aDuplicateAndAnOutOfOrderResultInACleanRunEachFailTheAudit(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("tampered.json");
        // Held open until the forged results are written (see the test above): the run's audit reads results up to
        // their end after the stop, so it sees both forgeries, whatever the machine's speed.
        Launcher.Running run = Launcher.start("run", "--bootstrap", kafka.bootstrapServers(), "--producers", "2",
                "--consumers", "2", "--items", "0", "--stop-after", HELD_OPEN, "--partitions", "4", "--rate", "500",
                "--report", reportFile.toString());
        LivePage page = LivePage.of(run);
        String runId = run.awaitLine("Handoff run ", Duration.ofSeconds(120)).replaceAll(".*Handoff run (\\S+):.*", "$1");
        // Two results of one key, from this run: the earlier item's place is where the forged result claims to be.
        // Each record is looked at once, as it is read: results hold every earlier run's records too.
        List<ConsumerRecord<byte[], byte[]>> mine = new ArrayList<>();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = new java.util.HashMap<>();
        int[] seen = {0};
        kafka.readUntil(Topics.RESULTS, read -> {
            for (; seen[0] < read.size(); seen[0]++) {
                ConsumerRecord<byte[], byte[]> r = read.get(seen[0]);
                if (r.key() != null && ofRun(r.value(), runId)) {
                    mine.add(r);
                    byKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(r);
                }
            }
            return byKey.values().stream().anyMatch(results -> results.size() >= 2);
        }, Duration.ofSeconds(120));
        List<ConsumerRecord<byte[], byte[]>> pair = byKey.values().stream().filter(results -> results.size() >= 2)
                .findFirst().orElseThrow(() -> new AssertionError("no key with two results of run " + runId));
        Result earlier = read(pair.get(0).value(), Result.class);
        Result later = read(pair.get(1).value(), Result.class);
        Result first = earlier.offset() < later.offset() ? earlier : later;
        Result forged = new Result(runId, first.producerId(), 50_000_000L, first.consumerId(), first.consumerPid(),
                first.worker(), first.partition(), first.offset(), first.createdAtMs(), first.finishedAtMs());
        ConsumerRecord<byte[], byte[]> copied = mine.getFirst();
        kafka.send(Topics.RESULTS, List.of(
                new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.RESULTS, copied.key(), copied.value()),
                new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.RESULTS, pair.get(0).key(),
                        Json.mapper().writeValueAsBytes(forged))));
        page.stop();

        assertThat(run.awaitExit(Duration.ofMinutes(3))).as("exit code of a run whose audit failed").isEqualTo(1);
        JsonNode report = Launcher.report(reportFile);
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("lost").asLong()).as("nothing lost: the failure is the audit's").isZero();
        assertThat(failed(report)).contains("no duplicates without a fault", "per-key order");
        assertThat(report.at("/history/duplicated").asLong()).isEqualTo(1);
        assertThat(report.at("/history/outOfOrder").asLong()).isEqualTo(1);
        assertThat(check(report, "per-key order")).contains(new String(pair.get(0).key(), StandardCharsets.UTF_8))
                .contains("#50000000");
    }

    /** Until each service of the run counts {@code expected} unreadable control records on its metrics endpoint. */
    private static void awaitControlRefusedEverywhere(Path runDir, long expected) {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode targets = Json.mapper().readTree(runDir.resolve("prometheus-targets.json").toFile());
                    assertThat(targets).as("the run's services").hasSize(4);
                    for (JsonNode group : targets) {
                        String target = group.get("targets").get(0).asText();
                        String metrics = io.handoff.shared.testing.Http.get(
                                java.net.URI.create("http://" + target + "/q/metrics"));
                        double counted = metrics.lines().filter(l -> l.startsWith("handoff_control_rejected_total{")
                                && l.contains("reason=\"unreadable\"")).mapToDouble(
                                        l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                        assertThat(counted).as("unreadable control records counted by %s", target)
                                .isEqualTo((double) expected);
                    }
                });
    }

    /** Whether a record on results is a result of this run (the hostile test left garbage there too). */
    private static boolean ofRun(byte[] value, String runId) {
        try {
            return runId.equals(Json.read(value, Result.class).runId());
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> failed(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (!c.get("passed").asBoolean()) {
                names.add(c.get("name").asText());
            }
        });
        return names;
    }

    /** A run a test acts on produces until the test stops it; this is only the backstop if the test dies. */
    static final String HELD_OPEN = "5m";

    /** Bad records the hostile test writes to each topic. */
    static final int HOSTILE_PER_TOPIC = 1_000;

    private static String check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check.get("detail").asText();
            }
        }
        return null;
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
