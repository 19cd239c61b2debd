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
 * meanwhile (a write the broker refuses for good, such as a missing ACL, is tried on until someone fixes it:
 * the consumer stays up and says so, in a log line for the first failures and then one per
 * {@value #LOG_EVERY}). A record so near Kafka's size limit that the copy no longer fits is copied with its
 * value cut to {@value #TRUNCATED_BYTES} bytes, only the dead-letter headers (each cut to
 * {@value #HEADER_BYTES} bytes) and a {@code dead-letter-truncated} header with its size: they still say where
 * the whole record is. Every retry is sent from the retry thread, never from the producer's own I/O thread.
 */
@Singleton // no client proxy in front of a per-item call
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    /** What is kept of a value too large to copy whole: enough to see what it was. */
    static final int TRUNCATED_BYTES = 64 * 1024;
    /** The longest header value a cut copy keeps. */
    static final int HEADER_BYTES = 1024;
    /** After the first failures of one record, one log line per this many more. */
    static final int LOG_EVERY = 20;
    private static final int LOGGED_IN_FULL = 5;
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
            } else if (error instanceof RecordTooLargeException && copy.headers().lastHeader("dead-letter-truncated") == null) {
                int size = copy.value() == null ? 0 : copy.value().length;
                LOG.warnf("record %s-%d@%d: its copy is too large for the dead-letter topic (%d bytes of value, %d "
                        + "headers); copying at most %d bytes of it with the dead-letter headers only", origin.topic(),
                        origin.partition(), origin.offset(), size, copy.headers().toArray().length, TRUNCATED_BYTES);
                retry.execute(() -> write(origin, cut(copy, size), attempt, then));
            } else {
                retries.increment();
                long pause = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS << Math.min(attempt - 1, 6));
                if (attempt <= LOGGED_IN_FULL || attempt % LOG_EVERY == 0) {
                    LOG.warnf("record %s-%d@%d could not be dead-lettered (attempt %d: %s); trying again in %d ms, and "
                            + "its offset stays uncommitted until then", origin.topic(), origin.partition(),
                            origin.offset(), attempt, error.toString(), pause);
                }
                retry.schedule(() -> write(origin, copy, attempt + 1, then), pause, TimeUnit.MILLISECONDS);
            }
        };
        try {
            clients.<String, byte[]>getProducer("dead-letters").unwrap().send(copy, answered);
        } catch (RuntimeException e) {
            answered.onCompletion(null, e); // a producer that refuses at once (closing, interrupted): the same retry
        }
    }

    /** The copy that fits: the first bytes of the value, and only the dead-letter headers, each cut short. */
    private static ProducerRecord<String, byte[]> cut(ProducerRecord<String, byte[]> copy, int size) {
        RecordHeaders headers = new RecordHeaders();
        for (org.apache.kafka.common.header.Header header : copy.headers()) {
            if (header.key().startsWith("dead-letter-") && header.value() != null) {
                headers.add(header.key(), java.util.Arrays.copyOf(header.value(),
                        Math.min(header.value().length, HEADER_BYTES)));
            }
        }
        header(headers, "dead-letter-truncated", Integer.toString(size));
        byte[] value = copy.value() == null ? null : java.util.Arrays.copyOf(copy.value(), Math.min(size, TRUNCATED_BYTES));
        String key = copy.key() != null && copy.key().length() > HEADER_BYTES ? copy.key().substring(0, HEADER_BYTES)
                : copy.key();
        return new ProducerRecord<>(copy.topic(), null, key, value, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
