package io.handoff.consumer.work;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead-letter write that fails is tried again, and the record's offset waits for it; a copy too large for the
 * topic is cut to fit. Against Kafka's own {@link MockProducer}, which fails the writes this test tells it to.
 */
class DeadLettersTest {

    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetters deadLetters = new DeadLetters(clientsWith(producer), null, registry);
    private final AtomicInteger settled = new AtomicInteger();

    @Test
    void aFailedWriteIsTriedAgainAndTheOffsetWaitsUntilOneSucceeds() {
        deadLetters.send(record("not json".getBytes(StandardCharsets.UTF_8)), new IllegalArgumentException("not JSON"),
                settled::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new TimeoutException("broker away"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        producer.errorNext(new TimeoutException("still away"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
        assertThat(settled).as("not acknowledged while the copy is not on the topic").hasValue(0);
        assertThat(registry.counter("handoff.dead.letter.retries").count()).isEqualTo(2.0);

        assertThat(producer.completeNext()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(settled).hasValue(1));
        assertThat(producer.history()).allSatisfy(copy -> assertThat(
                new String(copy.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("not JSON"));
    }

    @Test
    void aCopyTooLargeForTheTopicIsCutToFitAndSaysHowLargeItWas() {
        byte[] huge = new byte[2 * DeadLetters.TRUNCATED_BYTES];
        deadLetters.send(record(huge), new IllegalArgumentException("not an item"), settled::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new RecordTooLargeException("over max.request.size"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        ProducerRecord<String, byte[]> cut = producer.history().get(1);
        assertThat(cut.value()).hasSize(DeadLetters.TRUNCATED_BYTES);
        assertThat(new String(cut.headers().lastHeader("dead-letter-truncated").value(), StandardCharsets.UTF_8))
                .isEqualTo(Integer.toString(huge.length));
        assertThat(producer.completeNext()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(settled).hasValue(1));
        assertThat(registry.counter("handoff.dead.letter.retries").count()).as("no retry needed").isZero();
    }

    @Test
    void aSmallRecordWithHugeHeadersIsCopiedWithTheDeadLetterHeadersOnly() {
        ConsumerRecord<String, byte[]> record = record("tiny".getBytes(StandardCharsets.UTF_8));
        record.headers().add("someone-elses", new byte[900_000]);
        deadLetters.send(record, new IllegalArgumentException("x".repeat(5_000)), settled::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new RecordTooLargeException("over max.request.size"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        ProducerRecord<String, byte[]> cut = producer.history().get(1);
        assertThat(cut.headers().lastHeader("someone-elses")).isNull();
        assertThat(cut.headers().lastHeader("dead-letter-reason").value()).hasSize(DeadLetters.HEADER_BYTES);
        assertThat(cut.headers().lastHeader("dead-letter-offset").value()).asString().isEqualTo("41");
        assertThat(cut.value()).asString().isEqualTo("tiny");
        assertThat(producer.completeNext()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(settled).hasValue(1));
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("items", 2, 41L, null, value);
    }

    /** The connector's client service, as far as DeadLetters uses it: the producer of one channel. */
    private static KafkaClientService clientsWith(MockProducer<String, byte[]> producer) {
        Object wrapper = Proxy.newProxyInstance(DeadLettersTest.class.getClassLoader(),
                new Class<?>[] {io.smallrye.reactive.messaging.kafka.KafkaProducer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "unwrap" -> producer;
                    case "toString" -> "mock producer";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (KafkaClientService) Proxy.newProxyInstance(DeadLettersTest.class.getClassLoader(),
                new Class<?>[] {KafkaClientService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProducer" -> wrapper;
                    case "toString" -> "mock clients";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
