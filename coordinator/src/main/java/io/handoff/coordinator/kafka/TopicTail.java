package io.handoff.coordinator.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a topic from given offsets on a thread of its own and hands every record to a handler. It reads
 * without a consumer group, so watching a run never disturbs the consumers doing the run's work.
 *
 * <p>Only the tail's thread touches its {@link KafkaConsumer}, which is not thread-safe; other threads
 * may only call {@code wakeup()} (in {@link #close()}), the one method Kafka allows from outside.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final Runnable afterBatch;
    private final java.util.Set<TopicPartition> assigned;
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Written by the tail's thread, read by others: how far it has read, per partition. */
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private volatile boolean closing;

    /**
     * @param afterBatch runs on the tail's thread after each batch, e.g. to wake whoever waits for progress
     */
    public TopicTail(String name, KafkaEndpoint kafka, Map<TopicPartition, Long> from,
            Consumer<ConsumerRecord<byte[], byte[]>> handler, Runnable afterBatch) {
        this.consumer = kafka.reader();
        this.handler = handler;
        this.afterBatch = afterBatch;
        this.assigned = java.util.Set.copyOf(from.keySet());
        consumer.assign(assigned);
        from.forEach(consumer::seek);
        // Daemon: a tail only observes; it must never be what keeps the coordinator alive.
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    private void run() {
        try {
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handler.accept(record);
                }
                Map<TopicPartition, Long> now = new java.util.HashMap<>();
                consumer.assignment().forEach(tp -> now.put(tp, consumer.position(tp)));
                positions = now;
                afterBatch.run();
            }
        } catch (WakeupException e) {
            if (!closing) {
                LOG.errorf(e, "%s woken up unexpectedly", thread.getName());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s stopped reading", thread.getName());
        } finally {
            consumer.close(Duration.ofSeconds(2));
            ended.countDown();
        }
    }

    /** Whether this tail has read each of its partitions up to at least the given offset; others are ignored. */
    public boolean hasReached(Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> read = positions;
        return ends.entrySet().stream().filter(e -> assigned.contains(e.getKey()))
                .allMatch(e -> read.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    public boolean isRunning() {
        return ended.getCount() > 0;
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        if (!ended.await(10, TimeUnit.SECONDS)) {
            LOG.warnf("%s did not stop within 10 s", thread.getName());
        }
    }
}
