package io.handoff.producer;

import io.handoff.shared.message.Item;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * G named generator threads that create items in chunks and put them on a bounded queue. {@code put} blocks
 * while the queue is full: the first layer of backpressure, and the reason memory stays flat when Kafka is
 * slower. The time spent blocked is measured ({@code handoff.generator.blocked}). Before making a chunk a
 * generator takes credits for it (with a credit window: the end-to-end layer) and claims its {@link Pacer}
 * slots (a rate limit), as many of each as are free, up to a chunk: at full speed a chunk is full, under a
 * rate limit it holds what is due. Each item carries its slot's time as its creation time.
 *
 * <p>Sequence numbers come from one shared counter, a chunk's worth at a time, and a number once taken is
 * always put, so together the threads produce exactly {@code 0..n-1} with no gap and no repeat. Each generator
 * ends by putting one {@link #END} sentinel: the senders know all work is in once they have seen one per
 * generator.
 */
final class ItemGenerators {

    /** The end-of-work sentinel, compared by identity; never sent. */
    static final Item[] END = new Item[0];

    private static final Logger LOG = Logger.getLogger(ItemGenerators.class);

    /**
     * Each generator thread's own tally, found through a ThreadLocal: the thread counts without sharing a
     * counter (no contention), and the metric reads every tally through the list it registered in.
     */
    private final ThreadLocal<AtomicLong> tally;
    /** Strong references to every tally: meters hold their state weakly, and the ThreadLocal lets go. */
    private final List<AtomicLong> tallies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int count;
    private final long items;
    private final ItemFactory factory;
    private final ItemQueue queue;
    private final int chunkSize;
    private final CreditWindow credits;
    private final Pacer pacer;
    private final Timer blocked;
    private final AtomicLong nextSeq;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param items    how many to make in all before stopping by themselves; 0 means until {@link #stopGenerating()}
     * @param firstSeq the first item's sequence number
     */
    ItemGenerators(int count, long items, long firstSeq, int chunkSize, ItemFactory factory, ItemQueue queue, CreditWindow credits,
            Pacer pacer, MeterRegistry registry) {
        if (count < 1) {
            throw new IllegalArgumentException("handoff.producer.generators must be at least 1, got " + count);
        }
        this.count = count;
        // The sequence number after the last item: numbers run from firstSeq up to it.
        this.items = items == 0 ? Long.MAX_VALUE : firstSeq + items;
        this.nextSeq = new AtomicLong(firstSeq);
        this.factory = factory;
        this.queue = queue;
        this.chunkSize = chunkSize;
        this.credits = credits;
        this.pacer = pacer;
        this.blocked = Timer.builder(MetricNames.GENERATOR_BLOCKED)
                .description("Time generators spent blocked on a full queue").register(registry);
        this.tally = ThreadLocal.withInitial(() -> {
            AtomicLong mine = new AtomicLong();
            tallies.add(mine);
            FunctionCounter.builder(MetricNames.GENERATOR_ITEMS, mine, AtomicLong::get)
                    .tag("generator", Thread.currentThread().getName())
                    .description("Items made by each generator thread").register(registry);
            return mine;
        });
    }

    int count() {
        return count;
    }

    void start() {
        for (int i = 0; i < count; i++) {
            // Non-daemon: a generator is real work, and the JVM must not quietly exit in the middle of it.
            threads.add(Thread.ofPlatform().daemon(false).name("generator-" + i).start(this::generate));
        }
    }

    private void generate() {
        AtomicLong mine = tally.get();
        try {
            while (!stopping) {
                int granted = credits.acquire(chunkSize);
                if (granted == 0) {
                    break; // stopping while the window was full
                }
                // The rate limit, if any: items are made at the rate they may be sent.
                Pacer.Slots slots = pacer.acquire(granted);
                int wanted = slots.count();
                long first = nextSeq.getAndAdd(wanted);
                int make = (int) Math.max(0, Math.min(wanted, items - first));
                if (make < granted) {
                    credits.forget(granted - make);
                }
                if (make == 0) {
                    break;
                }
                Item[] chunk = new Item[make];
                for (int i = 0; i < make; i++) {
                    chunk[i] = factory.create(first + i, pacer.wallClockMs(slots, i));
                }
                put(chunk);
                mine.lazySet(mine.get() + make); // only this thread writes it
                if (make < wanted) {
                    break; // the last items
                }
            }
            put(END);
        } catch (InterruptedException e) {
            LOG.debugf("%s interrupted: the service is shutting down", Thread.currentThread().getName());
            Thread.currentThread().interrupt();
        } finally {
            tally.remove();
        }
    }

    /** Puts without waiting if there is room; otherwise blocks, and counts the time blocked. */
    private void put(Item[] chunk) throws InterruptedException {
        if (!queue.offer(chunk)) {
            long since = System.nanoTime();
            queue.put(chunk);
            blocked.record(System.nanoTime() - since, TimeUnit.NANOSECONDS);
        }
    }

    /** Asks every generator to finish the item in hand and end; sequence numbers stay gap-free. */
    void stopGenerating() {
        stopping = true;
        credits.close(); // a generator waiting for a credit must not wait for ever
    }

    /** Interrupts every generator and waits for each to end: for shutdown, not for a graceful stop. */
    void interruptAndJoin() throws InterruptedException {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
