package io.handoff.shared.runtime;

import io.handoff.shared.message.ConcurrencySample;
import io.handoff.shared.message.ConcurrencySample.ThreadCount;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a process's live threads by role (read from their names) and state, in the words VisualVM uses, without
 * taking a single stack trace: {@link ThreadMXBean#getThreadInfo(long[], int)} with a depth of 0 reads each
 * thread's state and the lock it waits on, and nothing else. Virtual threads are invisible to the ThreadMXBean;
 * the pools that make them list them ({@link ThreadSource}), and their {@link Thread#getState()} is read.
 *
 * <p>Where a state misleads: a thread blocked in a socket read (a Kafka client's network thread between fetches)
 * is RUNNABLE to the JVM, so it counts as running; and {@code sleeping} is a timed wait on no lock, which a
 * {@code parkNanos} without a blocker would also be.
 */
public final class ThreadStates {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /**
     * A sample: the thread counts now, with the lock and audit totals given, and the CPU the counting took on this
     * thread (what observing costs).
     */
    public ConcurrencySample sample(List<Thread> virtual, ConcurrencySample.Locks locks, ConcurrencySample.Audit audit) {
        long cpu = threads.getCurrentThreadCpuTime();
        List<ThreadCount> counts = count(virtual);
        return new ConcurrencySample(System.currentTimeMillis(), counts, locks, audit,
                Math.max(0, threads.getCurrentThreadCpuTime() - cpu));
    }

    /** The counts now, platform threads and the virtual threads of {@code virtual}, sorted by role and state. */
    public List<ThreadCount> count(List<Thread> virtual) {
        Map<String, int[]> counts = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null) {
                LockInfo lock = info.getLockInfo();
                add(counts, ThreadCensus.roleOf(info.getThreadName()),
                        state(info.getThreadState(), lock == null ? null : lock.getClassName()), false);
            }
        }
        for (Thread thread : virtual) {
            if (thread != null && thread.isVirtual() && thread.isAlive()) {
                add(counts, ThreadCensus.roleOf(thread.getName()), state(thread.getState(), "java.util.concurrent"), true);
            }
        }
        List<ThreadCount> rows = new ArrayList<>(counts.size());
        counts.forEach((key, n) -> {
            String[] parts = key.split("\t");
            rows.add(new ThreadCount(parts[0], parts[1], parts[2].equals("virtual"), n[0]));
        });
        return rows;
    }

    private static void add(Map<String, int[]> counts, String role, String state, boolean virtual) {
        counts.computeIfAbsent(role + "\t" + state + "\t" + (virtual ? "virtual" : "platform"), k -> new int[1])[0]++;
    }

    /**
     * The JVM's state in VisualVM's words. A waiting thread's lock tells a park (a java.util.concurrent lock,
     * condition or future: parked) from {@code Object.wait} (any other object: waiting); a timed wait on nothing
     * is a sleep.
     */
    static String state(Thread.State state, String lockClass) {
        return switch (state) {
            case RUNNABLE -> "running";
            case BLOCKED -> "monitor";
            case WAITING, TIMED_WAITING -> lockClass == null
                    ? (state == Thread.State.TIMED_WAITING ? "sleeping" : "parked")
                    : lockClass.startsWith("java.util.concurrent") ? "parked" : "waiting";
            case NEW, TERMINATED -> "other";
        };
    }
}
