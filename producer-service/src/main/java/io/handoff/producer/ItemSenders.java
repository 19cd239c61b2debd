package io.handoff.producer;

import io.handoff.shared.message.Item;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * S sender threads that take items off the queue and publish them through one shared emitter (and so one
 * Kafka producer, which is thread-safe and batches best when shared).
 *
 * <p>The senders stop after the generators' {@link ItemGenerators#END} sentinels: each generator puts one,
 * the sender that takes the last of them puts one {@link #DONE} pill per other sender, and every sender
 * that takes a pill ends. Before each send a sender takes an {@code inFlight} permit (items handed to Kafka
 * but not acknowledged, released by the acknowledgement; re-acquiring them all is how the last sender knows
 * the last item is acknowledged). An item Kafka refuses gives its {@link CreditWindow} credit back.
 */
final class ItemSenders {

    /** Tells a sender that every item is sent; compared by identity. */
    private static final Item DONE = ItemGenerators.sentinel();

    private static final Logger LOG = Logger.getLogger(ItemSenders.class);

    private final int senders;
    private final int generators;
    private final BlockingQueue<Item> queue;
    private final Emitter<Item> emitter;
    private final CreditWindow credits;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicInteger endsSeen = new AtomicInteger();
    private final AtomicInteger sendersLeft;
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final CompletableFuture<SendTotals> finished = new CompletableFuture<>();
    private final List<Thread> threads = new ArrayList<>();

    /** @param generators how many END sentinels mean that every item is in */
    ItemSenders(int senders, int generators, BlockingQueue<Item> queue, Emitter<Item> emitter, CreditWindow credits,
            int maxInFlight, MeterRegistry registry) {
        if (senders < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("handoff.producer.senders and max-in-flight must be at least 1, got "
                    + senders + " and " + maxInFlight);
        }
        this.senders = senders;
        this.generators = generators;
        this.queue = queue;
        this.emitter = emitter;
        this.credits = credits;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.sendersLeft = new AtomicInteger(senders);
        Gauge.builder(MetricNames.PRODUCER_IN_FLIGHT, inFlight, s -> maxInFlight - s.availablePermits())
                .description("Items handed to Kafka and not yet acknowledged").register(registry);
    }

    /** Acknowledged and refused counts once every item has been sent and answered. */
    record SendTotals(long acked, long failed) {
    }

    CompletableFuture<SendTotals> start() {
        for (int i = 0; i < senders; i++) {
            threads.add(Thread.ofPlatform().name("sender-" + i).start(this::send));
        }
        return finished;
    }

    private void send() {
        try {
            while (true) {
                Item item = queue.take();
                if (item == DONE) {
                    break;
                }
                if (item == ItemGenerators.END) {
                    if (endsSeen.incrementAndGet() == generators) {
                        for (int i = 1; i < senders; i++) {
                            queue.put(DONE);
                        }
                        break;
                    }
                    continue;
                }
                inFlight.acquire(); // at most max-in-flight unacknowledged
                emitter.send(toMessage(item));
            }
            if (sendersLeft.decrementAndGet() == 0) {
                inFlight.acquire(maxInFlight); // every acknowledgement is in
                inFlight.release(maxInFlight);
                finished.complete(new SendTotals(acked.sum(), failed.sum()));
            }
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
                    credits.forget();
                    inFlight.release();
                    return CompletableFuture.completedFuture(null);
                });
    }

    long acked() {
        return acked.sum();
    }

    long inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    /** Interrupts the senders and waits for them to end: for shutdown, not for a graceful stop. */
    void interruptAndJoin() throws InterruptedException {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
