package io.handoff.producer;

import io.handoff.shared.message.Item;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * G named generator threads that create items and put them on a bounded queue. {@code put} blocks while
 * the queue is full: the first layer of backpressure, and the reason memory stays flat when Kafka is slower.
 *
 * <p>Sequence numbers come from one shared counter, so together the threads produce exactly
 * {@code 0..items-1} with no gap and no repeat, in whatever order they happen to win the counter.
 */
final class ItemGenerators {

    private static final Logger LOG = Logger.getLogger(ItemGenerators.class);

    private final int count;
    private final long items;
    private final ItemFactory factory;
    private final BlockingQueue<Item> queue;
    private final AtomicLong nextSeq = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    ItemGenerators(int count, long items, ItemFactory factory, BlockingQueue<Item> queue) {
        if (count < 1) {
            throw new IllegalArgumentException("handoff.producer.generators must be at least 1, got " + count);
        }
        this.count = count;
        this.items = items;
        this.factory = factory;
        this.queue = queue;
    }

    void start() {
        for (int i = 0; i < count; i++) {
            // Non-daemon: a generator is real work, and the JVM must not quietly exit in the middle of it.
            Thread thread = Thread.ofPlatform().name("generator-" + i).unstarted(this::generate);
            threads.add(thread);
            thread.start();
        }
    }

    private void generate() {
        try {
            long seq;
            while ((seq = nextSeq.getAndIncrement()) < items) {
                queue.put(factory.create(seq));
            }
        } catch (InterruptedException e) {
            LOG.debugf("%s interrupted: the producer is stopping", Thread.currentThread().getName());
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts every generator and waits for each to end. */
    void stop() throws InterruptedException {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
