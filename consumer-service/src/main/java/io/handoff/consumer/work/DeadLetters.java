package io.handoff.consumer.work;

import io.handoff.shared.kafka.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies a record that cannot be processed to {@code items-dlq}, bytes and key as they came, with the reason
 * and the origin in the same headers as SmallRye's dead-letter strategy ({@code dead-letter-reason},
 * {@code -cause}, {@code -topic}, {@code -partition}, {@code -offset}). The connector's strategy works per
 * nacked message; the hot path takes whole polls, so it writes them itself, through the producer the connector
 * manages for the {@code dead-letters} channel.
 *
 * <p>The record's offset is acknowledged only once its copy is on the topic: a write that fails is tried again
 * (after 100 ms, doubling to 5 s, for as long as it takes; each failure is logged and counted) while the rest of
 * the pipeline goes on, and the partition's commits stop before it, so nothing is lost if the consumer dies
 * meanwhile. A record so near Kafka's size limit that the copy with its headers no longer fits is copied with
 * its value cut to {@value #TRUNCATED_BYTES} bytes and a {@code dead-letter-truncated} header with its size: the
 * headers still say where the whole record is.
 */
@Singleton // no client proxy in front of a per-item call
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    /** What is kept of a value too large to copy whole: enough to see what it was. */
    static final int TRUNCATED_BYTES = 64 * 1024;
    private static final long FIRST_RETRY_MS = 100;
    private static final long LAST_RETRY_MS = 5_000;

    private final KafkaClientService clients;
    private final Counter retries;
    /** Waits out the pause before a retry; a daemon, as a retry pending at exit is redone after a restart. */
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dead-letter-retry").daemon().factory());

    /** @param channel unused: it only makes the connector set up the channel and its producer */
    @Inject
    public DeadLetters(KafkaClientService clients, @Channel("dead-letters") Emitter<byte[]> channel,
            MeterRegistry registry) {
        this.clients = clients;
        this.retries = Counter.builder(MetricNames.DEAD_LETTER_RETRIES)
                .description("Dead-letter writes that failed and were tried again").register(registry);
    }

    /** Sends the copy; {@code then} runs once Kafka has it. */
    void send(ConsumerRecord<String, byte[]> record, Throwable reason, Runnable then) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        header(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
        if (reason.getCause() != null) {
            header(headers, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
        }
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", Integer.toString(record.partition()));
        header(headers, "dead-letter-offset", Long.toString(record.offset()));
        write(record, new ProducerRecord<>(Topics.ITEMS_DLQ, null, record.key(), record.value(), headers), 1, then);
    }

    private void write(ConsumerRecord<String, byte[]> origin, ProducerRecord<String, byte[]> copy, int attempt,
            Runnable then) {
        Callback answered = (metadata, error) -> {
            if (error == null) {
                then.run();
            } else if (error instanceof RecordTooLargeException && copy.value() != null
                    && copy.value().length > TRUNCATED_BYTES) {
                LOG.warnf("record %s-%d@%d: its copy is too large for the dead-letter topic (%d bytes); copying the "
                        + "first %d bytes", origin.topic(), origin.partition(), origin.offset(), copy.value().length,
                        TRUNCATED_BYTES);
                RecordHeaders headers = new RecordHeaders(copy.headers().toArray());
                header(headers, "dead-letter-truncated", Integer.toString(copy.value().length));
                write(origin, new ProducerRecord<>(copy.topic(), null, copy.key(),
                        java.util.Arrays.copyOf(copy.value(), TRUNCATED_BYTES), headers), attempt, then);
            } else {
                retries.increment();
                long pause = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS << Math.min(attempt - 1, 6));
                LOG.warnf("record %s-%d@%d could not be dead-lettered (attempt %d: %s); trying again in %d ms, and "
                        + "its offset stays uncommitted until then", origin.topic(), origin.partition(),
                        origin.offset(), attempt, error.toString(), pause);
                retry.schedule(() -> write(origin, copy, attempt + 1, then), pause, TimeUnit.MILLISECONDS);
            }
        };
        try {
            clients.<String, byte[]>getProducer("dead-letters").unwrap().send(copy, answered);
        } catch (RuntimeException e) {
            answered.onCompletion(null, e); // a producer that refuses at once (closing, interrupted): the same retry
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
