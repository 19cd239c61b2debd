package io.handoff.coordinator.kafka;

import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.control.ControlCommand;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.ExecutionException;

/** Sends the coordinator's orders on the {@code control} topic and waits until Kafka has them. */
public final class ControlPublisher {

    private static final JsonSerializer<ControlCommand> JSON = new JsonSerializer<>();

    private ControlPublisher() {
    }

    public static void send(KafkaEndpoint kafka, ControlCommand command) throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = kafka.writer()) {
            producer.send(new ProducerRecord<>(Topics.CONTROL, JSON.serialize(Topics.CONTROL, command))).get();
        }
    }
}
