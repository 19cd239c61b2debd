package io.handoff.coordinator.audit;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.shared.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Plays a misbehaving producer: writes records to {@code items} that are not valid items, spread over the
 * partitions, so the run can show each one dead-lettered with its reason while every valid item still
 * verifies.
 */
public final class MalformedInjector {

    /** The kinds of bad record written, in turn. */
    public enum BadRecord {
        GARBAGE("garbage bytes"),
        NOT_AN_ITEM("JSON, but not an item"),
        INVALID_ITEM("an item with a negative amount");

        private final String label;

        BadRecord(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        byte[] bytes(String runId) {
            return switch (this) {
                case GARBAGE -> new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, 0x00, 0x7f};
                case NOT_AN_ITEM -> "{\"hello\":\"this is JSON, but not an item\"}".getBytes(StandardCharsets.UTF_8);
                case INVALID_ITEM -> ("{\"runId\":\"" + runId + "\",\"producerId\":\"intruder\",\"seq\":0,\"key\":\"k\","
                        + "\"createdAtMs\":0,\"transfer\":{\"from\":1,\"to\":2,\"amount\":-5},"
                        + "\"work\":{\"kind\":\"NONE\",\"units\":0},\"payload\":\"\"}").getBytes(StandardCharsets.UTF_8);
            };
        }
    }

    private MalformedInjector() {
    }

    /**
     * Writes {@code count} bad records and waits for Kafka to acknowledge them all; returns where each went
     * ({@link DeadLetterCount#origin}) and what kind it is, so that the run can tell its own from anyone
     * else's and say what became of each.
     */
    public static Map<String, BadRecord> inject(KafkaEndpoint kafka, String runId, int count, int partitions)
            throws ExecutionException, InterruptedException {
        BadRecord[] kinds = BadRecord.values();
        Map<String, BadRecord> written = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.writer()) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(producer.send(new ProducerRecord<>(Topics.ITEMS, i % partitions, null,
                        kinds[i % kinds.length].bytes(runId))));
            }
            for (int i = 0; i < count; i++) {
                RecordMetadata at = sends.get(i).get();
                written.put(DeadLetterCount.origin(at.topic(), at.partition(), at.offset()), kinds[i % kinds.length]);
            }
        }
        return written;
    }
}
