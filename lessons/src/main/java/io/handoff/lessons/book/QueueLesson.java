package io.handoff.lessons.book;

import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.producer.ItemQueue;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The producer's own bounded {@link ItemQueue} between a generator and a sender thread: put blocks while it is
 * full (backpressure inside a process), offer refuses, take hands chunks over in order; and a get with a
 * timeout on the JDK queue it is built on.
 */
public final class QueueLesson implements Lesson {

    static final int CAPACITY_ITEMS = 8;
    static final int CHUNK = 2;
    static final int CHUNKS = 20;

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public Forms forms() {
        return new Forms("queue.Queue(maxsize=4)", "ArrayBlockingQueue in ItemQueue");
    }

    @Override
    public String idea() {
        return "a bounded queue between producer and consumer threads: put blocks when full";
    }

    @Override
    public String python() {
        return "q = queue.Queue(maxsize=4); q.put(x) blocks when full; q.get(timeout=0.1); q.qsize(), q.full(), q.empty()";
    }

    @Override
    public String java() {
        return "the producer's ItemQueue (an ArrayBlockingQueue of chunks): put, offer, take; poll(timeout)";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("put-blocked-while-full", "the generator waited in put() while the queue was full"),
                Outcome.acceptable("offer-refused-while-full", "offer() on a full queue returned false at once"),
                Outcome.acceptable("get-timed-out-empty", "a get with a timeout on an empty queue gave up after it"),
                Outcome.acceptable("item-through-in-order", "an item reached the consumer thread, in order"),
                Outcome.forbidden("item-lost-or-reordered", "an item missing, doubled or out of order"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        ItemQueue queue = new ItemQueue(CAPACITY_ITEMS, CHUNK);
        lab.say("ItemQueue of %d items in chunks of %d (%d chunks); empty=%s size=%d", queue.capacity(), CHUNK,
                CAPACITY_ITEMS / CHUNK, queue.size() == 0, queue.size());
        Thread generator = Thread.ofPlatform().name("lesson-generator").start(() -> {
            try {
                for (int c = 0; c < CHUNKS; c++) {
                    Item[] chunk = new Item[CHUNK];
                    for (int i = 0; i < CHUNK; i++) {
                        long seq = (long) c * CHUNK + i;
                        chunk[i] = new Item("lesson", "producer-0", seq, "k", 0, new Transfer(0, 1, 1), Work.NONE, "");
                    }
                    queue.put(chunk);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // Nobody takes yet: the generator fills the queue and then waits in put().
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (generator.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        lab.say("no consumer yet: size=%d (the chunk waiting in put counts too) full=%s; '%s' is %s (inside put)", queue.size(),
                queue.size() >= queue.capacity(), generator.getName(), generator.getState());
        if (generator.getState() == Thread.State.WAITING && queue.size() >= queue.capacity()) {
            lab.observe("put-blocked-while-full");
        }
        boolean offered = queue.offer(new Item[] {new Item("lesson", "other", 0, "k", 0, new Transfer(0, 1, 1), Work.NONE, "")});
        lab.say("offer() of one more chunk now: %s", offered ? "taken (room was left)" : "false, at once");
        if (!offered) {
            lab.observe("offer-refused-while-full");
        }
        List<Long> seen = new ArrayList<>();
        Thread sender = Thread.ofPlatform().name("lesson-sender").start(() -> {
            try {
                while (seen.size() < CHUNKS * CHUNK + (offered ? 1 : 0)) {
                    for (Item item : queue.take()) {
                        if (item.producerId().equals("producer-0")) {
                            seen.add(item.seq());
                        }
                    }
                    if (seen.size() == CHUNKS * CHUNK) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        generator.join();
        sender.join(10_000);
        lab.say("consumer '%s' took %d items; the queue is empty again: size=%d", sender.getName(), seen.size(), queue.size());
        long inOrder = 0;
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) == i) {
                inOrder++;
            }
        }
        lab.observe("item-through-in-order", inOrder);
        if (inOrder != CHUNKS * CHUNK || seen.size() != CHUNKS * CHUNK) {
            lab.observe("item-lost-or-reordered", Math.max(1, Math.abs(CHUNKS * CHUNK - inOrder)));
        }

        BlockingQueue<Item[]> plain = new ArrayBlockingQueue<>(1);
        long asked = System.nanoTime();
        Item[] got = plain.poll(100, TimeUnit.MILLISECONDS);
        long waitedMs = (System.nanoTime() - asked) / 1_000_000;
        lab.say("poll(100 ms) on an empty ArrayBlockingQueue (what ItemQueue is made of): %s after %d ms",
                got == null ? "null" : "an item", waitedMs);
        if (got == null && waitedMs >= 100) {
            lab.observe("get-timed-out-empty");
        }
        lab.notice("A bounded queue is backpressure inside a process: a fast producer waits instead of filling memory.");
        lab.notice("put() waits, offer() answers at once; the generator offers first and counts the time it had to wait.");
        lab.notice("One queue hand-off per chunk, not per item: each put/take costs a lock and maybe a wake-up.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.producer.ItemQueue between generator-N and sender-N threads; metric handoff_queue_depth",
                "./handoff run --generators 4 --items 200000", "the producer's queue on the live page");
    }
}
