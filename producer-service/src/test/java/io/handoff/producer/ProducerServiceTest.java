package io.handoff.producer;

import io.handoff.shared.json.ItemParser;
import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.Hello;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.StatusEvent;
import io.handoff.shared.message.Sentinel;
import io.handoff.shared.testing.Http;
import io.handoff.shared.testing.InJvmKafka;
import io.handoff.shared.testing.InJvmKafkaResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer-service against a real broker: what it publishes, and what it reports. */
@QuarkusTest
@TestProfile(ProducerServiceTest.SmallRun.class)
@QuarkusTestResource(value = InJvmKafkaResource.class, restrictToAnnotatedClass = true)
class ProducerServiceTest {

    static final long ITEMS = 3_000;

    /** A small run that keeps the test JVM alive when it is done. */
    public static class SmallRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "handoff.run-id", "producer-test",
                    "handoff.instance-id", "producer-7",
                    "handoff.producer.items", Long.toString(ITEMS),
                    "handoff.producer.payload-bytes", "64",
                    "handoff.producer.generators", "3",
                    "handoff.producer.queue-capacity", "100",
                    "handoff.producer.chunk-size", "10",
                    "handoff.producer.exit-when-done", "false");
        }
    }

    @Test
    void publishesEverySequenceNumberExactlyOnceWithItsKeyAndPayload() {
        List<ConsumerRecord<byte[], byte[]>> all = InJvmKafkaResource.kafka().readUntil(Topics.ITEMS,
                read -> read.size() >= ITEMS + InJvmKafkaResource.PARTITIONS, Duration.ofSeconds(60));
        List<ConsumerRecord<byte[], byte[]>> records = all.stream().filter(r -> !InJvmKafka.isSentinel(r)).toList();
        List<Item> items = records.stream().map(ProducerServiceTest::item).toList();

        Set<Long> seqs = items.stream().map(Item::seq).collect(Collectors.toCollection(TreeSet::new));
        assertThat(items).hasSize((int) ITEMS);
        assertThat(seqs).containsExactlyElementsOf(LongStream.range(0, ITEMS).boxed().toList());
        assertThat(items).allSatisfy(item -> {
            assertThat(item.runId()).isEqualTo("producer-test");
            assertThat(item.producerId()).isEqualTo("producer-7");
            assertThat(item.payload()).hasSize(64);
            assertThat(item.key()).isEqualTo("acct-" + item.transfer().from());
        });
        assertThat(records).allSatisfy(record ->
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).startsWith("acct-"));
    }

    @Test
    void writesItsSentinelLastOnEveryPartitionWithTheCountSent() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> all = InJvmKafkaResource.kafka().readUntil(Topics.ITEMS,
                read -> read.stream().filter(InJvmKafka::isSentinel).count() >= InJvmKafkaResource.PARTITIONS,
                Duration.ofSeconds(60));

        List<ConsumerRecord<byte[], byte[]>> sentinels = all.stream().filter(InJvmKafka::isSentinel).toList();
        assertThat(sentinels).extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
        for (ConsumerRecord<byte[], byte[]> sentinel : sentinels) {
            Sentinel parsed = Json.read(sentinel.value(), Sentinel.class);
            assertThat(parsed.sent()).isEqualTo(ITEMS);
            assertThat(parsed.producerId()).isEqualTo("producer-7");
            assertThat(parsed.partition()).isEqualTo(sentinel.partition());
            long lastItem = all.stream().filter(r -> r.partition() == sentinel.partition() && !InJvmKafka.isSentinel(r))
                    .mapToLong(ConsumerRecord::offset).max().orElse(-1);
            assertThat(sentinel.offset()).as("the sentinel comes after every item of its partition")
                    .isGreaterThan(lastItem);
        }
    }

    @Test
    void saysHelloWithItsPidThenReportsEveryAcknowledgedItem() {
        List<StatusEvent> events = new ArrayList<>();
        InJvmKafkaResource.kafka().readUntil(Topics.STATUS, read -> {
            events.clear();
            read.forEach(record -> events.add(status(record)));
            return events.stream().anyMatch(ProducerDone.class::isInstance);
        }, Duration.ofSeconds(60));

        assertThat(events).first().isInstanceOfSatisfying(Hello.class, hello -> {
            assertThat(hello.instanceId()).isEqualTo("producer-7");
            assertThat(hello.pid()).isEqualTo(ProcessHandle.current().pid());
        });
        assertThat(events).filteredOn(ProducerDone.class::isInstance).singleElement()
                .isInstanceOfSatisfying(ProducerDone.class, done -> {
                    assertThat(done.sent()).isEqualTo(ITEMS);
                    assertThat(done.failed()).isZero();
                });
    }

    @TestHTTPResource("/threads")
    URI threadsUri;

    @Test
    void exportsItsQueueGeneratorAndSenderMetricsAndListsItsThreads() throws Exception {
        InJvmKafkaResource.kafka().readUntil(Topics.STATUS,
                read -> read.stream().anyMatch(r -> status(r) instanceof ProducerDone), Duration.ofSeconds(60));

        String metrics = Http.metricsTagged("producer-7", "producer");
        JsonNode health = Http.json(URI.create("http://localhost:9001/q/health"));
        assertThat(health.get("status").asText()).as("health on the management port").isEqualTo("UP");
        assertThat(health.get("checks")).as("the Kafka channels' own checks")
                .anySatisfy(check -> assertThat(check.get("name").asText()).containsIgnoringCase("messaging"));
        double madeByGenerators = metrics.lines().filter(line -> line.startsWith("handoff_generator_items_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();

        assertThat(metrics).contains("handoff_items_produced_total " + ITEMS + ".0",
                "handoff_queue_depth{queue=\"generated\"}", "handoff_queue_capacity{queue=\"generated\"} 100.0",
                "handoff_generator_blocked_seconds_count", "handoff_producer_in_flight 0.0",
                "handoff_threads_live{kind=\"platform\",thread_role=\"sampler\"} 1.0");
        assertThat(madeByGenerators).as("items made, summed over the generators' own tallies").isEqualTo(ITEMS);
        assertThat(metrics.lines().filter(line -> line.startsWith("handoff_generator_items_total{"))).hasSize(3);
        JsonNode threads = Http.json(threadsUri);
        assertThat(threads.get("roles").get("sampler")).as("the sampler, a daemon").singleElement()
                .satisfies(sampler -> assertThat(sampler.get("daemon").asBoolean()).isTrue());
        assertThat(threads.get("roles").has("generator")).as("generators are joined once done").isFalse();
    }

    private static Item item(ConsumerRecord<byte[], byte[]> record) {
        try {
            return ItemParser.parse(record.value());
        } catch (Exception e) {
            throw new AssertionError("the producer wrote a malformed item", e);
        }
    }

    private static StatusEvent status(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.read(record.value(), StatusEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
