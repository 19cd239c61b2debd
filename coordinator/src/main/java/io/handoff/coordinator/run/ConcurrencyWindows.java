package io.handoff.coordinator.run;

import io.handoff.coordinator.live.ProcessConcurrency;
import io.handoff.shared.message.ConcurrencySample;
import io.handoff.shared.message.ConcurrencySample.ThreadCount;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns each process's concurrency samples, totals since it started, into counts per window: the difference of
 * its last two samples. A sample seen again (heartbeats come twice a second, samples once) keeps its window; a
 * restarted process (its totals fall) starts over. Touched only by the run's own thread.
 */
final class ConcurrencyWindows {

    private record Pair(ConcurrencySample before, ConcurrencySample last) {
    }

    private final Map<String, Pair> samples = new HashMap<>();

    /** The view of one process from its latest sample; null when it has sent none. */
    ProcessConcurrency of(String name, String role, ConcurrencySample sample, Integer workerQueue, Long inFlight) {
        if (sample == null) {
            return null;
        }
        Pair pair = samples.get(name);
        if (pair == null || sample.atMs() != pair.last().atMs()) {
            pair = new Pair(pair == null || restarted(pair.last(), sample) ? null : pair.last(), sample);
            samples.put(name, pair);
        }
        ConcurrencySample before = pair.before();
        int platform = 0;
        int virtual = 0;
        for (ThreadCount t : sample.threads()) {
            if (t.virtual()) {
                virtual += t.count();
            } else {
                platform += t.count();
            }
        }
        double window = before == null ? 0 : Math.max(0, sample.atMs() - before.atMs()) / 1000.0;
        ConcurrencySample.Locks locks = present(sample.locks());
        ConcurrencySample.Locks lockBefore = before == null ? null : present(before.locks());
        long waits = locks == null || lockBefore == null ? 0 : locks.waits() - lockBefore.waits();
        long holds = locks == null || lockBefore == null ? 0 : locks.holds() - lockBefore.holds();
        ConcurrencySample.Audit audit = present(sample.audit());
        ConcurrencySample.Audit auditBefore = before == null ? null : present(before.audit());
        long auditWaits = audit == null || auditBefore == null ? 0 : audit.waits() - auditBefore.waits();
        return new ProcessConcurrency(name, role, sample.threads(), platform, virtual,
                locks == null ? null : locks.mode(), window, waits,
                mean(locks == null || lockBefore == null ? 0 : locks.waitNanos() - lockBefore.waitNanos(), waits),
                mean(locks == null || lockBefore == null ? 0 : locks.holdNanos() - lockBefore.holdNanos(), holds),
                locks == null || lockBefore == null ? 0 : locks.deadlocksBroken() - lockBefore.deadlocksBroken(),
                locks == null || lockBefore == null ? 0 : locks.tryLockTimeouts() - lockBefore.tryLockTimeouts(),
                audit == null ? null : audit.permits(), audit == null ? null : audit.inUse(),
                audit == null ? null : audit.waiters(), auditWaits,
                mean(audit == null || auditBefore == null ? 0 : audit.waitNanos() - auditBefore.waitNanos(), auditWaits),
                workerQueue, inFlight, sample.sampleCpuNanos() / 1000.0);
    }

    /** Totals that fell: a new process under the old name (restarted), whose window starts with this sample. */
    private static boolean restarted(ConcurrencySample last, ConcurrencySample now) {
        return now.locks().waits() < last.locks().waits();
    }

    /** A ledger's locks, or null for a process without one. */
    private static ConcurrencySample.Locks present(ConcurrencySample.Locks locks) {
        return locks == null || locks.mode().equals(ConcurrencySample.Locks.NONE.mode()) ? null : locks;
    }

    /** An audit semaphore, or null for a process without one. */
    private static ConcurrencySample.Audit present(ConcurrencySample.Audit audit) {
        return audit == null || audit.permits() == 0 ? null : audit;
    }

    private static double mean(long nanos, long count) {
        return count <= 0 ? 0 : nanos / 1e6 / count;
    }
}
