package io.handoff.consumer.ledger;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is waiting for which account lock right now. With each lock's holder, this is the wait-for graph the
 * watchdog searches for cycles: it works for virtual threads, which the ThreadMXBean does not see.
 */
final class WaitForGraph {

    private final Map<Thread, AccountLock> waiting = new ConcurrentHashMap<>();

    void waiting(Thread thread, AccountLock lock) {
        waiting.put(thread, lock);
    }

    void done(Thread thread) {
        waiting.remove(thread);
    }

    /** Whether the thread is waiting for an account lock at this moment. */
    boolean isWaiting(Thread thread) {
        return waiting.containsKey(thread);
    }

    /** Waiter to holder, for every wait whose lock is held by another thread now. */
    Map<Thread, Thread> edges() {
        Map<Thread, Thread> edges = new HashMap<>();
        waiting.forEach((waiter, lock) -> {
            Thread holder = lock.holder();
            if (holder != null && holder != waiter) {
                edges.put(waiter, holder);
            }
        });
        return edges;
    }
}
