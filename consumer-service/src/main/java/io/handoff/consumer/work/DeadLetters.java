package io.handoff.consumer.work;

import io.handoff.shared.kafka.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Copies a record that cannot be processed to {@code items-dlq}, bytes and key as they came, with the reason
 * and the origin in the same headers as SmallRye's dead-letter strategy ({@code dead-letter-reason},
 * {@code -cause}, {@code -topic}, {@code -partition}, {@code -offset}). The connector's strategy works per
 * nacked message; the hot path takes whole polls, so it writes them itself, through the producer the connector
 * manages for the {@code dead-letters} channel.
 */
@Singleton // no client proxy in front of a per-item call
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaClientService clients;

    /** @param channel unused: it only makes the connector set up the channel and its producer */
    @Inject
    public DeadLetters(KafkaClientService clients, @Channel("dead-letters") Emitter<byte[]> channel) {
        this.clients = clients;
    }

    /** Sends the copy; {@code then} runs once Kafka has answered, either way. */
    void send(ConsumerRecord<String, byte[]> record, Throwable reason, Runnable then) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        header(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
        if (reason.getCause() != null) {
            header(headers, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
        }
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", Integer.toString(record.partition()));
        header(headers, "dead-letter-offset", Long.toString(record.offset()));
        Producer<String, byte[]> producer = clients.<String, byte[]>getProducer("dead-letters").unwrap();
        producer.send(new ProducerRecord<>(Topics.ITEMS_DLQ, null, record.key(), record.value(), headers),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.errorf(error, "record %s-%d@%d could not be dead-lettered", record.topic(),
                                record.partition(), record.offset());
                    }
                    then.run();
                });
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
