package io.handoff.lessons.book;

import io.handoff.consumer.ledger.Ledger;
import io.handoff.shared.message.Transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** Threads that hammer one {@link Ledger} with transfers, all let go at the same moment. */
final class Transfers {

    private Transfers() {
    }

    /**
     * {@link #hammer} on a thread of its own, waited for at most {@code patience}: false if the transfers are still
     * stuck then (the thread is interrupted and left to end).
     */
    static boolean hammerWithin(Ledger ledger, int threads, int each, long seed, java.time.Duration patience)
            throws InterruptedException {
        Thread hammer = Thread.ofPlatform().name("lesson-hammer").start(() -> {
            try {
                hammer(ledger, threads, each, seed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hammer.join(patience.toMillis());
        if (hammer.isAlive()) {
            hammer.interrupt();
            return false;
        }
        return true;
    }

    /**
     * {@code threads} threads each make {@code each} transfers of 1 between random accounts of the ledger;
     * returns the transfers that ended (a thread interrupted for good stops early).
     */
    static long hammer(Ledger ledger, int threads, int each, long seed) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong done = new AtomicLong();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed + t);
            started.add(Thread.ofPlatform().name("lesson-transfer-" + t).start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        int from = random.nextInt(ledger.size());
                        int to = (from + 1 + random.nextInt(ledger.size() - 1)) % ledger.size();
                        ledger.transfer(new Transfer(from, to, 1));
                        done.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
        return done.get();
    }
}
