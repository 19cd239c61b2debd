package io.handoff.consumer.work;

import io.handoff.shared.json.ResultCodec;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.Result;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes results on {@code results} through the Kafka producer that the connector manages for the channel
 * (configured, measured and closed by SmallRye), with the producer's own asynchronous send: JSON is written on
 * the worker, the record goes into the producer's batch, and the callback comes on the producer's network
 * thread. No hop through a reactive stream or the connector's sending thread per result: measured, that path
 * took three times the CPU per record (docs/HOT-PATH.md).
 */
@Singleton // no client proxy in front of a per-item call
public class ResultWriter {

    private final KafkaClientService clients;
    private volatile Producer<String, byte[]> producer;

    /**
     * @param channel unused: it only makes the connector set up the {@code results} channel and its producer
     */
    @Inject
    public ResultWriter(KafkaClientService clients, @Channel("results") Emitter<byte[]> channel) {
        this.clients = clients;
    }

    void send(String key, Result result, Callback callback) {
        byte[] value = ResultCodec.write(result);
        producer().send(new ProducerRecord<>(Topics.RESULTS, key, value), callback);
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            current = clients.<String, byte[]>getProducer("results").unwrap();
            producer = current;
        }
        return current;
    }
}
