package io.handoff.coordinator.kafka;

import io.handoff.shared.auth.ControlRecords;
import io.handoff.shared.message.control.ControlCommand;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Sends the coordinator's orders on the {@code control} topic, sealed with its key, and waits until Kafka has them. */
public final class ControlPublisher {

    private ControlPublisher() {
    }

    public static void send(KafkaEndpoint kafka, ControlCommand command) throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = kafka.writer()) {
            producer.send(ControlRecords.signed(kafka.controlKey(), command)).get();
        }
    }

    /**
     * Sends commands that must go out even while the caller is being interrupted (a service stopping in the
     * middle of a run): one producer for all, waits that an interrupt does not cut short (it is kept for the
     * caller), and Kafka's own delivery timeout as the bound.
     */
    public static void sendUninterruptibly(KafkaEndpoint kafka, List<? extends ControlCommand> commands)
            throws ExecutionException {
        boolean interrupted = Thread.interrupted();
        try (KafkaProducer<byte[], byte[]> producer = kafka.writer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ControlCommand command : commands) {
                sent.add(producer.send(ControlRecords.signed(kafka.controlKey(), command)));
            }
            for (Future<RecordMetadata> record : sent) {
                while (true) {
                    try {
                        record.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
