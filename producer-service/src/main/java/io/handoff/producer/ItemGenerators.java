package io.handoff.producer;

import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * G named generator threads that create items and put them on a bounded queue. {@code put} blocks while
 * the queue is full: the first layer of backpressure, and the reason memory stays flat when Kafka is slower.
 *
 * <p>Sequence numbers come from one shared counter, and a number once taken is always put, so together the
 * threads produce exactly {@code 0..n-1} with no gap and no repeat. Each generator ends by putting one
 * {@link #END} sentinel: the sender knows all work is in once it has seen one per generator.
 */
final class ItemGenerators {

    /** The end-of-work sentinel, compared by identity; never sent. */
    static final Item END = new Item("", "", 0, "", 0, new Transfer(0, 1, 1), "");

    private static final Logger LOG = Logger.getLogger(ItemGenerators.class);

    private final int count;
    private final long items;
    private final ItemFactory factory;
    private final BlockingQueue<Item> queue;
    private final AtomicLong nextSeq = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param items how many to make in all before stopping by themselves; 0 means until {@link #stopGenerating()}
     */
    ItemGenerators(int count, long items, ItemFactory factory, BlockingQueue<Item> queue) {
        if (count < 1) {
            throw new IllegalArgumentException("handoff.producer.generators must be at least 1, got " + count);
        }
        this.count = count;
        this.items = items == 0 ? Long.MAX_VALUE : items;
        this.factory = factory;
        this.queue = queue;
    }

    int count() {
        return count;
    }

    void start() {
        for (int i = 0; i < count; i++) {
            // Non-daemon: a generator is real work, and the JVM must not quietly exit in the middle of it.
            threads.add(Thread.ofPlatform().name("generator-" + i).start(this::generate));
        }
    }

    private void generate() {
        try {
            while (!stopping) {
                long seq = nextSeq.getAndIncrement();
                if (seq >= items) {
                    break;
                }
                queue.put(factory.create(seq));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            LOG.debugf("%s interrupted: the service is shutting down", Thread.currentThread().getName());
            Thread.currentThread().interrupt();
        }
    }

    /** Asks every generator to finish the item in hand and end; sequence numbers stay gap-free. */
    void stopGenerating() {
        stopping = true;
    }

    /** Items generated so far. */
    long generated() {
        return Math.min(nextSeq.get(), items);
    }

    /** Interrupts every generator and waits for each to end: for shutdown, not for a graceful stop. */
    void interruptAndJoin() throws InterruptedException {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
