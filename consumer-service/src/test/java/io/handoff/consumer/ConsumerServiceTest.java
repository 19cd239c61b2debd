package io.handoff.consumer;

import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.auth.ControlRecords;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Crash;
import io.handoff.shared.testing.TestControl;
import io.handoff.shared.message.control.Start;
import io.handoff.shared.message.control.Stop;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Result;
import io.handoff.shared.message.StatusEvent;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;
import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.shared.testing.Http;
import io.handoff.shared.testing.InJvmKafka;
import io.handoff.shared.testing.InJvmKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer-service against a real broker: valid items become results, bad records reach the
 * dead-letter topic with their reason, other runs' items are skipped, and a stop reports it all.
 */
@QuarkusTest
@TestProfile(ConsumerServiceTest.OneConsumer.class)
@QuarkusTestResource(value = InJvmKafkaResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerServiceTest {

    static final String RUN = "consumer-test";
    static final int VALID = 5_000;
    static final int ACCOUNTS = 100;

    /** Keeps the process up after a stop, so the test can read what it reported. */
    public static class OneConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "handoff.run-id", RUN,
                    "handoff.instance-id", "consumer-3",
                    "handoff.ledger.accounts", Integer.toString(ACCOUNTS),
                    "handoff.consumer.workers", "3",
                    "handoff.consumer.max-in-flight", "200",
                    "handoff.consumer.exit-on-stop", "false");
        }
    }

    private static final JsonSerializer<Object> JSON = new JsonSerializer<>();

    @TestHTTPResource("/threads")
    URI threadsUri;

    @TestHTTPResource("/ledger")
    URI ledgerUri;

    /** Bad records, each with a word its dead-letter reason must contain. */
    private static final Map<String, byte[]> MALFORMED = Map.of(
            "not JSON", new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef},
            "not an item", "{\"greeting\":\"hello\"}".getBytes(StandardCharsets.UTF_8),
            "amount must be > 0", ("{\"runId\":\"" + RUN + "\",\"producerId\":\"p\",\"seq\":1,\"key\":\"k\","
                    + "\"createdAtMs\":1,\"transfer\":{\"from\":1,\"to\":2,\"amount\":0},\"work\":{\"kind\":\"NONE\",\"units\":0},"
                    + "\"payload\":\"\"}")
                    .getBytes(StandardCharsets.UTF_8),
            "outside 0..99", JSON.serialize("items", item(RUN, 0, new Transfer(5, 500, 10))));

    /**
     * A bad record of 1 MiB, Kafka's default size limit: its copy with the dead-letter headers is too large for the
     * dead-letter topic, so it is copied cut short, with its size in a header. Written compressed, as a producer
     * near the limit would be, so that the broker takes it.
     */
    private static final byte[] NEAR_LIMIT = ("{\"greeting\":\"" + "x".repeat(1_048_576 - 15) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    /** Every bad record the first test writes. */
    private static final int BAD = MALFORMED.size() + 1;

    @Test
    @Order(1)
    void turnsEveryValidItemIntoOneResultAndDeadLettersTheRestWithTheirReason() throws Exception {
        InJvmKafka kafka = InJvmKafkaResource.kafka();
        // Records are taken once the run's producers are known: what follows a partition's sentinels depends on it.
        kafka.send(Topics.CONTROL, List.of(control(new Start(RUN, ControlCommand.EVERYONE, 1, List.of("producer-0")))));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        MALFORMED.values().forEach(bad -> records.add(new ProducerRecord<>(Topics.ITEMS, bad)));
        for (long seq = 0; seq < VALID; seq++) {
            Item item = item(RUN, seq, new Transfer((int) (seq % ACCOUNTS), (int) ((seq + 1) % ACCOUNTS), 7));
            records.add(new ProducerRecord<>(Topics.ITEMS, item.key().getBytes(StandardCharsets.UTF_8),
                    JSON.serialize(Topics.ITEMS, item)));
        }
        records.add(new ProducerRecord<>(Topics.ITEMS, JSON.serialize("items", item("another-run", 0, new Transfer(1, 2, 3)))));
        kafka.send(Topics.ITEMS, records);
        kafka.send(Topics.ITEMS, List.of(new ProducerRecord<>(Topics.ITEMS, NEAR_LIMIT)),
                Map.of("compression.type", "gzip", "max.request.size", 2 * NEAR_LIMIT.length));

        List<Result> results = kafka.readUntil(Topics.RESULTS, read -> read.size() >= VALID, Duration.ofSeconds(60))
                .stream().map(r -> read(r.value(), Result.class)).toList();
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readUntil(Topics.ITEMS_DLQ,
                read -> read.size() >= BAD, Duration.ofSeconds(60));

        assertThat(results).extracting(Result::seq).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, VALID).boxed().toList());
        assertThat(results).allSatisfy(result -> {
            assertThat(result.runId()).isEqualTo(RUN);
            assertThat(result.consumerId()).isEqualTo("consumer-3");
            assertThat(result.worker()).startsWith("worker-");
            assertThat(result.finishedAtMs()).isGreaterThanOrEqualTo(result.createdAtMs());
        });
        List<String> reasons = dead.stream().map(r -> header(r, "dead-letter-reason").orElse("(none)")).toList();
        assertThat(reasons).hasSize(BAD);
        MALFORMED.keySet().forEach(word -> assertThat(reasons).anyMatch(reason -> reason.contains(word)));
        assertThat(dead).allSatisfy(r -> assertThat(header(r, "dead-letter-topic")).contains(Topics.ITEMS));
        assertThat(dead.stream().map(ConsumerRecord::value).toList())
                .as("the dead-letter topic keeps the original bytes")
                .anySatisfy(value -> assertThat(value).isEqualTo(MALFORMED.get("not JSON")));
        assertThat(dead).as("the 1 MiB record, cut to fit, with its size and where the whole of it is")
                .filteredOn(r -> header(r, "dead-letter-truncated").isPresent()).singleElement().satisfies(r -> {
                    assertThat(header(r, "dead-letter-truncated")).contains(Integer.toString(NEAR_LIMIT.length));
                    assertThat(r.value()).isEqualTo(java.util.Arrays.copyOf(NEAR_LIMIT, 64 * 1024));
                    assertThat(header(r, "dead-letter-reason").orElseThrow()).contains("not an item");
                    assertThat(header(r, "dead-letter-offset")).isPresent();
                });
    }

    @Test
    @Order(2)
    void finishesEveryPartitionBySentinelsThenReportsItsCountsAndAConservedLedger() throws Exception {
        InJvmKafka kafka = InJvmKafkaResource.kafka();
        ProducerRecord<byte[], byte[]> start = control(new Start(RUN, ControlCommand.EVERYONE, 1, List.of("producer-0")));
        long now = System.currentTimeMillis();
        kafka.send(Topics.CONTROL, List.of(
                new ProducerRecord<>(Topics.CONTROL, "{not json".getBytes(StandardCharsets.UTF_8)),
                // Each of these would halt this JVM if it were obeyed: no key, another key.
                new ProducerRecord<>(Topics.CONTROL, JSON.serialize(Topics.CONTROL, new Crash(RUN, "consumer-3", now))),
                ControlRecords.signed(ControlKey.generate(), new Crash(RUN, "consumer-3", now)),
                start,
                // The same sealed record again, as anyone who can read the topic could write it.
                new ProducerRecord<byte[], byte[]>(Topics.CONTROL, (Integer) null, (byte[]) null, start.value(), start.headers()),
                control(new Stop(RUN, ControlCommand.EVERYONE, 2)),
                control(new Stop(RUN, ControlCommand.EVERYONE, 3))));
        assertThat(awaitDone(kafka, Duration.ofSeconds(3))).as("no report while partitions lack sentinels").isEmpty();

        List<ProducerRecord<byte[], byte[]>> sentinels = new ArrayList<>();
        for (int partition = 0; partition < InJvmKafkaResource.PARTITIONS; partition++) {
            sentinels.add(InJvmKafka.sentinel(RUN, "producer-0", VALID, partition));
        }
        kafka.send(Topics.ITEMS, sentinels);
        List<ConsumerDone> dones = awaitDone(kafka, Duration.ofSeconds(60));

        assertThat(dones).as("two stops are one stop").singleElement().satisfies(done -> {
            assertThat(done.instanceId()).isEqualTo("consumer-3");
            assertThat(done.finished()).containsExactly(0, 1, 2);
            assertThat(done.processed()).isEqualTo(VALID);
            assertThat(done.malformed()).isEqualTo(BAD);
            assertThat(done.foreign()).isEqualTo(1);
            assertThat(done.failed()).isZero();
            assertThat(done.ledger().drift()).as("ledger drift").isZero();
            assertThat(done.ledger().accounts()).isEqualTo(ACCOUNTS);
            assertThat(done.stats().lockMode()).isEqualTo("ordered");
            assertThat(done.stats().reentries()).as("two re-entrant adjustments per transfer").isEqualTo(2L * VALID);
            assertThat(done.stats().auditHighWater()).isBetween(1, done.stats().auditPermits());
            assertThat(done.stats().contextMissing()).isZero();
        });
        // Finished partitions acknowledge their sentinels: the group's committed offsets reach the end of every
        // partition, so a consumer taking one over re-reads nothing but the last sentinel (and knows it finished).
        Map<Integer, Long> ends = kafka.endOffsets(Topics.ITEMS, InJvmKafkaResource.PARTITIONS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kafka.committedOffsets("handoff-" + RUN, Topics.ITEMS)).isEqualTo(ends));
    }

    /** The consumers' done reports on the status topic, once there is at least one. */
    static List<ConsumerDone> awaitDone(InJvmKafka kafka, Duration within) {
        List<ConsumerDone> dones = new ArrayList<>();
        kafka.readUntil(Topics.STATUS, read -> {
            dones.clear();
            read.stream().map(r -> read(r.value(), StatusEvent.class))
                    .filter(ConsumerDone.class::isInstance).map(ConsumerDone.class::cast).forEach(dones::add);
            return !dones.isEmpty();
        }, within);
        return dones;
    }

    static ProducerRecord<byte[], byte[]> control(ControlCommand command) {
        return TestControl.signed(command);
    }

    @Test
    @Order(3)
    void listsItsThreadsByRoleAndItsLedgerOverHttp() throws Exception {
        JsonNode threads = Http.json(threadsUri);
        JsonNode ledger = Http.json(ledgerUri);

        assertThat(threads.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(threads.get("roles").get("worker")).hasSize(3).allSatisfy(worker -> {
            assertThat(worker.get("daemon").asBoolean()).as("workers are joined, not abandoned").isFalse();
            assertThat(worker.get("state").asText()).isIn("WAITING", "RUNNABLE", "TIMED_WAITING");
        });
        assertThat(threads.get("roles").get("sampler")).singleElement()
                .satisfies(sampler -> assertThat(sampler.get("daemon").asBoolean()).isTrue());
        assertThat(ledger.get("lockMode").asText()).isEqualTo("ordered");
        assertThat(ledger.get("drift").asLong()).isZero();
        assertThat(ledger.get("total").asLong()).isEqualTo(ledger.get("expectedTotal").asLong());
        assertThat(ledger.get("auditHighWater").asInt()).isBetween(1, ledger.get("auditPermits").asInt());
        assertThat(ledger.get("auditItems").asLong()).as("every applied item recorded").isEqualTo(VALID);
        assertThat(ledger.get("auditWrites").asLong()).as("a write per worker's run of a poll, not per item")
                .isPositive().isLessThan(VALID / 10);
    }

    @Test
    @Order(4)
    void exportsEveryMechanismsMetricUnderItsDocumentedName() throws Exception {
        String metrics = Http.metricsTagged("consumer-3", "consumer");
        JsonNode health = Http.json(URI.create("http://localhost:9001/q/health"));
        assertThat(health.get("status").asText()).as("health on the management port").isEqualTo("UP");
        assertThat(health.get("checks")).as("the Kafka channels' own checks")
                .anySatisfy(check -> assertThat(check.get("name").asText()).containsIgnoringCase("messaging"));

        assertThat(metrics).contains("handoff_items_consumed_total " + VALID + ".0",
                "handoff_items_malformed_total " + BAD + ".0", "handoff_items_outstanding 0.0",
                "handoff_queue_depth{queue=\"workers\"}", "handoff_lock_wait_seconds_count{mode=\"ordered\"}",
                "handoff_lock_hold_seconds_max{mode=\"ordered\"}", "handoff_lock_reentries_total{mode=\"ordered\"}",
                "handoff_lock_trylock_timeouts_total", "handoff_lock_deadlocks_broken_total", "handoff_ledger_drift 0.0",
                "handoff_audit_permits_in_use", "handoff_audit_permits_high_water", "handoff_audit_wait_seconds_count",
                "handoff_context_missing_total 0.0", "handoff_threads_live{kind=\"platform\",thread_role=\"worker\"} 3.0",
                "handoff_control_rejected_total{reason=\"unsigned\"} 1.0",
                "handoff_control_rejected_total{reason=\"unreadable\"} 1.0",
                "handoff_control_rejected_total{reason=\"forged\"} 1.0",
                "handoff_control_rejected_total{reason=\"replayed\"} 1.0", "handoff_partitions{state=\"finished\"} 3.0",
                "handoff_partitions_paused", "handoff_workers_replaced_total 0.0",
                "handoff_consumer_delay_milliseconds 0.0", "handoff_dead_letter_retries_total 0.0", "handoff_item_latency_seconds_count " + VALID + ".0",
                "handoff_item_latency_seconds_bucket{le=\"30.0\"} " + VALID + ".0");
    }

    private static Item item(String run, long seq, Transfer transfer) {
        return new Item(run, "producer-0", seq, "acct-" + transfer.from(), System.currentTimeMillis(), transfer, Work.NONE, "p");
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return Json.read(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }
}
