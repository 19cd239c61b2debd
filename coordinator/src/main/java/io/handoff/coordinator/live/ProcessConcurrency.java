package io.handoff.coordinator.live;

import io.handoff.shared.message.ConcurrencySample.ThreadCount;

import java.util.List;

/**
 * One service process's concurrency, as the live page's concurrency view shows it: its threads by role and state
 * at the last sample, and what its locks and audit semaphore did in the window between its last two samples
 * (counts in the window, not totals, so that a short burst of waits shows).
 *
 * @param windowSec      the window the counts are over (0 before a second sample)
 * @param lockWaitMsMean mean time a transfer waited for its locks in the window
 * @param sampleMicros   CPU the process spent taking its last sample: what observing costs, once a second
 */
public record ProcessConcurrency(String name, String role, List<ThreadCount> threads, int platform, int virtual,
        String lockMode, double windowSec, long lockWaits, double lockWaitMsMean, double lockHoldMsMean,
        long deadlocksBroken, long tryLockTimeouts, Integer auditPermits, Integer auditInUse, Integer auditWaiters,
        long auditWaits, double auditWaitMsMean, Integer workerQueue, Long inFlight, double sampleMicros) {
}
