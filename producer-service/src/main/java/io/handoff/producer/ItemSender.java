package io.handoff.producer;

import io.handoff.shared.message.Item;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one thread that takes items off the queue and publishes them to Kafka, until it has seen the end
 * sentinel of every generator.
 *
 * <p>The {@code inFlight} semaphore caps items handed to Kafka but not yet acknowledged: the sender
 * acquires a permit per item and the acknowledgement (on a Kafka I/O thread) releases it. Reacquiring
 * every permit at the end is how the sender waits for the last acknowledgement.
 */
final class ItemSender {

    private static final Logger LOG = Logger.getLogger(ItemSender.class);

    private final int generators;
    private final BlockingQueue<Item> queue;
    private final Emitter<Item> emitter;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final CompletableFuture<SendTotals> finished = new CompletableFuture<>();
    private Thread thread;

    /** @param generators how many {@link ItemGenerators#END} sentinels mean that every item is in */
    ItemSender(int generators, BlockingQueue<Item> queue, Emitter<Item> emitter, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("handoff.producer.max-in-flight must be at least 1, got " + maxInFlight);
        }
        this.generators = generators;
        this.queue = queue;
        this.emitter = emitter;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Acknowledged and refused counts once every item has been sent and answered. */
    record SendTotals(long acked, long failed) {
    }

    CompletableFuture<SendTotals> start() {
        thread = Thread.ofPlatform().name("sender").start(this::send);
        return finished;
    }

    private void send() {
        try {
            int ended = 0;
            while (ended < generators) {
                Item item = queue.take();
                if (item == ItemGenerators.END) {
                    ended++;
                    continue;
                }
                inFlight.acquire();
                emitter.send(toMessage(item));
            }
            inFlight.acquire(maxInFlight); // every acknowledgement is in
            finished.complete(new SendTotals(acked.sum(), failed.sum()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished.completeExceptionally(e);
        } catch (RuntimeException e) {
            finished.completeExceptionally(e);
        }
    }

    private Message<Item> toMessage(Item item) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(item.key())
                .build();
        return Message.of(item, Metadata.of(key),
                () -> {
                    acked.increment();
                    inFlight.release();
                    return CompletableFuture.completedFuture(null);
                },
                error -> {
                    // Kafka has already retried within delivery.timeout.ms: this item is refused for good.
                    LOG.errorf(error, "item %s/%d was not accepted by Kafka", item.producerId(), item.seq());
                    failed.increment();
                    inFlight.release();
                    return CompletableFuture.completedFuture(null);
                });
    }

    long acked() {
        return acked.sum();
    }

    /** Interrupts the sender and waits for it to end: for shutdown, not for a graceful stop. */
    void interruptAndJoin() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join();
        }
    }
}
