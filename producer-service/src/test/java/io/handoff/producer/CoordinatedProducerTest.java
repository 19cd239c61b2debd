package io.handoff.producer;

import io.handoff.shared.json.ItemParser;
import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.auth.ControlRecords;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.testing.TestControl;
import io.handoff.shared.message.control.Start;
import io.handoff.shared.message.control.Stop;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.StatusEvent;
import io.handoff.shared.testing.InJvmKafka;
import io.handoff.shared.testing.InJvmKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer in a coordinated run: nothing until START, then items until STOP, after which it reports
 * exactly what it sent, with sequence numbers that have no gap.
 */
@QuarkusTest
@TestProfile(CoordinatedProducerTest.AwaitStart.class)
@QuarkusTestResource(value = InJvmKafkaResource.class, restrictToAnnotatedClass = true)
class CoordinatedProducerTest {

    static final String RUN = "coordinated";

    /** Unbounded items, waiting for the coordinator's start. */
    public static class AwaitStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "handoff.run-id", RUN,
                    "handoff.instance-id", "producer-1",
                    "handoff.producer.items", "0",
                    "handoff.producer.await-start", "true",
                    "handoff.producer.generators", "4",
                    "handoff.producer.exit-when-done", "false");
        }
    }

    private static final JsonSerializer<ControlCommand> JSON = new JsonSerializer<>();
    private static final List<String> PRODUCERS = List.of("producer-1");

    @Test
    void producesOnlyBetweenStartAndStopAndReportsAGapFreeCount() throws Exception {
        InJvmKafka kafka = InJvmKafkaResource.kafka();
        assertThat(kafka.readUntil(Topics.STATUS, read -> !read.isEmpty(), Duration.ofSeconds(30)))
                .as("hello, once the service is up").isNotEmpty();
        // A start from anyone without the key is no start.
        kafka.send(Topics.CONTROL, List.of(
                new ProducerRecord<>(Topics.CONTROL, JSON.serialize(Topics.CONTROL,
                        new Start(RUN, ControlCommand.EVERYONE, 0, PRODUCERS))),
                ControlRecords.signed(ControlKey.generate(), new Start(RUN, ControlCommand.EVERYONE, 0, PRODUCERS))));
        assertThat(kafka.readUntil(Topics.ITEMS, read -> !read.isEmpty(), Duration.ofSeconds(2)))
                .as("nothing before a sealed START").isEmpty();

        kafka.send(Topics.CONTROL, List.of(
                command(new Start("another-run", ControlCommand.EVERYONE, 0, PRODUCERS)),
                new ProducerRecord<>(Topics.CONTROL, "not a command".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.CONTROL, "{\"command\":\"reboot\",\"runId\":\"coordinated\"}"
                        .getBytes(StandardCharsets.UTF_8)),
                command(new Start(RUN, ControlCommand.EVERYONE, 0, PRODUCERS))));
        kafka.readUntil(Topics.ITEMS, read -> read.size() >= 5_000, Duration.ofSeconds(60));
        kafka.send(Topics.CONTROL, List.of(command(new Stop(RUN, "producer-1", 0)),
                command(new Stop(RUN, ControlCommand.EVERYONE, 0))));
        ProducerDone done = awaitDone(kafka).orElseThrow(() -> new AssertionError("no producer-done after STOP"));

        List<ConsumerRecord<byte[], byte[]>> all = kafka.readUntil(Topics.ITEMS,
                read -> read.size() >= done.sent() + InJvmKafkaResource.PARTITIONS, Duration.ofSeconds(30));
        List<Long> seqs = all.stream().filter(r -> !InJvmKafka.isSentinel(r))
                .map(record -> parse(record.value()).seq()).sorted().toList();
        assertThat(all.stream().filter(InJvmKafka::isSentinel)).as("one sentinel per partition, after the stop")
                .hasSize(InJvmKafkaResource.PARTITIONS);
        assertThat(done.sent()).isGreaterThanOrEqualTo(5_000);
        assertThat(done.failed()).isZero();
        assertThat(seqs).as("sequence numbers 0..sent-1, each once")
                .containsExactlyElementsOf(LongStream.range(0, done.sent()).boxed().toList());
    }

    private static Optional<ProducerDone> awaitDone(InJvmKafka kafka) {
        List<ProducerDone> dones = kafka.readUntil(Topics.STATUS,
                        read -> read.stream().anyMatch(r -> status(r.value()) instanceof ProducerDone), Duration.ofSeconds(60))
                .stream().map(r -> status(r.value())).filter(ProducerDone.class::isInstance)
                .map(ProducerDone.class::cast).toList();
        assertThat(dones).as("two stops are one stop: one report").hasSizeLessThanOrEqualTo(1);
        return dones.stream().findFirst();
    }

    private static ProducerRecord<byte[], byte[]> command(ControlCommand command) {
        return TestControl.signed(command);
    }

    private static Item parse(byte[] value) {
        try {
            return ItemParser.parse(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static StatusEvent status(byte[] value) {
        try {
            return Json.read(value, StatusEvent.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
