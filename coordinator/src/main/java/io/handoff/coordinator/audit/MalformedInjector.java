package io.handoff.coordinator.audit;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.shared.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Plays a misbehaving producer: writes records to {@code items} that are not valid items, spread over the
 * partitions, so the run can show each one dead-lettered with its reason while every valid item still
 * verifies.
 */
public final class MalformedInjector {

    private MalformedInjector() {
    }

    /** The kinds of bad record written, in turn. */
    static List<byte[]> kinds(String runId) {
        return List.of(
                new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, 0x00, 0x7f},                  // garbage bytes
                "{\"hello\":\"this is JSON, but not an item\"}".getBytes(StandardCharsets.UTF_8),
                ("{\"runId\":\"" + runId + "\",\"producerId\":\"intruder\",\"seq\":0,\"key\":\"k\","
                        + "\"createdAtMs\":0,\"transfer\":{\"from\":1,\"to\":2,\"amount\":-5},\"work\":{\"kind\":\"NONE\",\"units\":0},"
                        + "\"payload\":\"\"}")
                        .getBytes(StandardCharsets.UTF_8));                               // an item, but invalid
    }

    /**
     * Writes {@code count} bad records and waits for Kafka to acknowledge them all; returns where they went
     * ({@link DeadLetterCount#origin}), so that the run can tell its own from anyone else's.
     */
    public static java.util.Set<String> inject(KafkaEndpoint kafka, String runId, int count, int partitions)
            throws ExecutionException, InterruptedException {
        List<byte[]> kinds = kinds(runId);
        java.util.Set<String> origins = new java.util.HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.writer()) {
            List<Future<org.apache.kafka.clients.producer.RecordMetadata>> sends = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(producer.send(new ProducerRecord<>(Topics.ITEMS, i % partitions, null,
                        kinds.get(i % kinds.size()))));
            }
            for (Future<org.apache.kafka.clients.producer.RecordMetadata> send : sends) {
                var written = send.get();
                origins.add(DeadLetterCount.origin(written.topic(), written.partition(), written.offset()));
            }
        }
        return origins;
    }
}
