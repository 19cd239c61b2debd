package io.handoff.producer;

import io.handoff.shared.json.ItemCodec;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.Item;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * S sender threads that take chunks of items off the queue, write each item's JSON and hand it to one shared
 * Kafka producer (thread-safe, and it batches best when shared) with its own asynchronous send: serialising
 * happens in parallel on the senders, batching and the network in the producer's accumulator and I/O thread.
 * The producer is the one the connector manages for the {@code items} channel (configured, measured, closed
 * by SmallRye); no reactive stream or connector thread per item sits in between.
 *
 * <p>The senders stop after the generators' {@link ItemGenerators#END} sentinels: each generator puts one,
 * the sender that takes the last of them puts one {@link #DONE} pill per other sender, and every sender
 * that takes a pill ends. Before sending a chunk a sender takes one {@code inFlight} permit per item (items
 * handed to Kafka but not acknowledged); the chunk's last acknowledgement gives them all back, and
 * re-acquiring them all is how the last sender knows the last item is acknowledged. An item Kafka refuses
 * gives its {@link CreditWindow} credit back.
 */
final class ItemSenders {

    /** Tells a sender that every item is sent; compared by identity. */
    private static final Item[] DONE = new Item[0];
    private static final Logger LOG = Logger.getLogger(ItemSenders.class);

    private final int senders;
    private final int generators;
    private final ItemQueue queue;
    private final Supplier<Producer<String, byte[]>> producer;
    private final CreditWindow credits;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicInteger endsSeen = new AtomicInteger();
    private final AtomicInteger sendersLeft;
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final CompletableFuture<SendTotals> finished = new CompletableFuture<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param generators how many END sentinels mean that every item is in
     * @param producer   the channel's Kafka producer, looked up when sending starts
     */
    ItemSenders(int senders, int generators, int chunkSize, ItemQueue queue, Supplier<Producer<String, byte[]>> producer,
            CreditWindow credits, int maxInFlight, MeterRegistry registry) {
        if (senders < 1 || maxInFlight < chunkSize) {
            throw new IllegalArgumentException("handoff.producer.senders must be at least 1 and max-in-flight at least "
                    + "chunk-size (" + chunkSize + "), got " + senders + " and " + maxInFlight);
        }
        this.senders = senders;
        this.generators = generators;
        this.queue = queue;
        this.producer = producer;
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
        Producer<String, byte[]> kafka = producer.get();
        for (int i = 0; i < senders; i++) {
            threads.add(Thread.ofPlatform().daemon(false).name("sender-" + i).start(() -> send(kafka)));
        }
        return finished;
    }

    private void send(Producer<String, byte[]> kafka) {
        try {
            while (true) {
                Item[] chunk = queue.take();
                if (chunk == DONE) {
                    break;
                }
                if (chunk == ItemGenerators.END) {
                    if (endsSeen.incrementAndGet() == generators) {
                        for (int i = 1; i < senders; i++) {
                            queue.put(DONE);
                        }
                        break;
                    }
                    continue;
                }
                inFlight.acquire(chunk.length); // at most max-in-flight unacknowledged
                ChunkAck ack = new ChunkAck(chunk);
                for (Item item : chunk) {
                    kafka.send(new ProducerRecord<>(Topics.ITEMS, item.key(), ItemCodec.write(item)), ack);
                }
            }
            if (sendersLeft.decrementAndGet() == 0) {
                inFlight.acquire(maxInFlight); // every acknowledgement is in
                inFlight.release(maxInFlight);
                finished.complete(new SendTotals(acked.sum(), failed.sum()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished.completeExceptionally(e);
        } catch (Exception e) {
            finished.completeExceptionally(e);
        }
    }

    /** The acknowledgements of one chunk, counted down on the producer's I/O thread; the last one settles it. */
    private final class ChunkAck implements Callback {
        private final Item[] chunk;
        private final AtomicInteger pending;
        private final AtomicInteger refused = new AtomicInteger();

        ChunkAck(Item[] chunk) {
            this.chunk = chunk;
            this.pending = new AtomicInteger(chunk.length);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (error != null) {
                // Kafka has already retried within delivery.timeout.ms: this item is refused for good.
                refused.incrementAndGet();
                LOG.errorf(error, "an item of %s's chunk from seq %d was not accepted by Kafka", chunk[0].producerId(),
                        chunk[0].seq());
            }
            if (pending.decrementAndGet() == 0) {
                int lost = refused.get();
                acked.add(chunk.length - lost);
                if (lost > 0) {
                    failed.add(lost);
                    credits.forget(lost);
                }
                inFlight.release(chunk.length);
            }
        }
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
