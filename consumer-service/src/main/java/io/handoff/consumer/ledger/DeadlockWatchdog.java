package io.handoff.consumer.ledger;

import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds deadlocks among the ledger's workers and breaks each one by interrupting a victim.
 *
 * <p>Every {@code interval} it builds "who waits for whom" twice over: from the JVM's
 * {@link ThreadMXBean#findDeadlockedThreads()} (platform threads; the JDK's own detector, which also sees
 * {@code ReentrantLock}s), and from the ledger's {@link WaitForGraph} (needed for virtual threads, which the
 * ThreadMXBean does not report). In each cycle the thread with the highest id is interrupted, and remembered
 * as a victim so that its {@code InterruptedException} means "retry", not "stop".
 */
public final class DeadlockWatchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeadlockWatchdog.class);

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final WaitForGraph waits;
    private final LockStats stats;
    private final ScheduledExecutorService scheduler;
    /** Victims interrupted and not yet told so; written by the watchdog, consumed by the victims. */
    private final Set<Thread> victims = ConcurrentHashMap.newKeySet();
    /**
     * Makes "mark as victim, then interrupt" one step as seen by the victim: without it a thread could leave
     * its transfer between the two, clear a mark whose interrupt had not arrived yet, and later mistake that
     * late interrupt for a real one (its item abandoned).
     */
    private final ReentrantLock victimGate = new ReentrantLock();
    /** Wait-for-graph cycles of the previous scan; only the watchdog thread touches it. */
    private Set<Set<Thread>> previous = Set.of();

    DeadlockWatchdog(WaitForGraph waits, LockStats stats, Duration interval) {
        this.waits = waits;
        this.stats = stats;
        // A daemon: it only observes and nudges workers; it must never keep the JVM alive.
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("deadlock-watchdog").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::scanSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Whether the thread was interrupted as a deadlock victim; clears the mark. */
    boolean wasVictim(Thread thread) {
        victimGate.lock();
        try {
            return victims.remove(thread);
        } finally {
            victimGate.unlock();
        }
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("deadlock scan failed; trying again next interval", e);
        }
    }

    /**
     * One scan. The JVM's report is authoritative: its cycles are broken at once. A cycle only the wait-for
     * graph shows (virtual threads) is broken when the previous scan saw it too, since that graph is read
     * lock by lock and could catch a hand-over half done.
     */
    void scan() {
        Set<Set<Thread>> certain = Cycles.in(jvmEdges());
        Set<Set<Thread>> drawn = Cycles.in(waits.edges());
        for (Set<Thread> cycle : certain) {
            breakCycle(cycle);
        }
        for (Set<Thread> cycle : drawn) {
            if (!certain.contains(cycle) && previous.contains(cycle)) {
                breakCycle(cycle);
            }
        }
        previous = drawn;
    }

    private void breakCycle(Set<Thread> cycle) {
        Thread victim = cycle.stream().max((a, b) -> Long.compare(a.threadId(), b.threadId())).orElseThrow();
        victimGate.lock();
        try {
            if (!waits.isWaiting(victim)) {
                return; // the cycle dissolved since it was read: nobody to wake
            }
            if (victims.contains(victim)) {
                // Interrupted by an earlier scan and not yet awake to say so (a loaded machine): its wait is still
                // drawn. A second interrupt would land after it took the first as "retry", and end its transfer.
                return;
            }
            victims.add(victim);
            victim.interrupt();
        } finally {
            victimGate.unlock();
        }
        stats.deadlockBroken();
        LOG.debugf("deadlock among %s: interrupted %s", cycle.stream().map(Thread::getName).toList(), victim.getName());
    }

    /** Waiter to lock holder for the threads the JVM reports deadlocked (platform threads only). */
    private Map<Thread, Thread> jvmEdges() {
        long[] ids = threads.findDeadlockedThreads();
        if (ids == null) {
            return Map.of();
        }
        Map<Long, Thread> byId = new HashMap<>();
        Thread.getAllStackTraces().keySet().forEach(t -> byId.put(t.threadId(), t));
        Map<Thread, Thread> edges = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(ids)) {
            if (info != null) {
                Thread waiter = byId.get(info.getThreadId());
                Thread holder = byId.get(info.getLockOwnerId());
                if (waiter != null && holder != null) {
                    edges.put(waiter, holder);
                }
            }
        }
        return edges;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Cycle finding in a graph where each thread waits for at most one other. */
    static final class Cycles {

        private Cycles() {
        }

        static Set<Set<Thread>> in(Map<Thread, Thread> waitsFor) {
            Set<Set<Thread>> cycles = new HashSet<>();
            Set<Thread> settled = new HashSet<>();
            for (Thread start : waitsFor.keySet()) {
                List<Thread> path = new java.util.ArrayList<>();
                Thread at = start;
                while (at != null && !settled.contains(at) && !path.contains(at)) {
                    path.add(at);
                    at = waitsFor.get(at);
                }
                if (at != null && path.contains(at)) {
                    cycles.add(Set.copyOf(path.subList(path.indexOf(at), path.size())));
                }
                settled.addAll(path);
            }
            return cycles;
        }
    }
}
