package io.handoff.producer;

import io.handoff.shared.message.Item;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded queue between generators and senders, holding chunks of items: one hand-off per chunk, not per
 * item. Bounded in chunks, counted in items for the depth metric. Public for the lessons ({@code ./handoff learn
 * queue}), which drive it as the producer does.
 */
public final class ItemQueue {

    private final BlockingQueue<Item[]> chunks;
    private final AtomicInteger items = new AtomicInteger();
    private final int capacityItems;

    public ItemQueue(int capacityItems, int chunkSize) {
        if (chunkSize < 1 || capacityItems < chunkSize) {
            throw new IllegalArgumentException("handoff.producer.chunk-size must be at least 1 and at most "
                    + "queue-capacity, got " + chunkSize + " and " + capacityItems);
        }
        this.capacityItems = capacityItems;
        this.chunks = new ArrayBlockingQueue<>(Math.max(1, capacityItems / chunkSize));
    }

    public boolean offer(Item[] chunk) {
        items.addAndGet(chunk.length);
        if (!chunks.offer(chunk)) {
            items.addAndGet(-chunk.length);
            return false;
        }
        return true;
    }

    public void put(Item[] chunk) throws InterruptedException {
        items.addAndGet(chunk.length);
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            items.addAndGet(-chunk.length);
            throw e;
        }
    }

    public Item[] take() throws InterruptedException {
        Item[] chunk = chunks.take();
        items.addAndGet(-chunk.length);
        return chunk;
    }

    /** Items waiting. */
    public int size() {
        return Math.max(0, items.get());
    }

    public int capacity() {
        return capacityItems;
    }
}
