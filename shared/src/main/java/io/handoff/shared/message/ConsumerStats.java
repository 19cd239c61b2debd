package io.handoff.shared.message;

/**
 * How a consumer's concurrency behaved over a run.
 *
 * @param lockMode        the ledger's lock mode
 * @param threads         {@code platform} or {@code virtual} workers
 * @param workers         worker threads
 * @param reentries       acquisitions of an account lock the thread already held
 * @param tryLockTimeouts tryLock attempts that timed out and backed off
 * @param deadlocksBroken deadlock cycles the watchdog broke
 * @param auditPermits    permits of the audit sink's semaphore
 * @param auditHighWater  most permits ever held at once; never above {@code auditPermits}
 * @param contextMissing  audit writes that ran without their item's context
 * @param workersReplaced worker threads that died and were replaced, their item re-run
 */
public record ConsumerStats(String lockMode, String threads, int workers, long reentries, long tryLockTimeouts,
        long deadlocksBroken, int auditPermits, int auditHighWater, long contextMissing, long workersReplaced) {
}
