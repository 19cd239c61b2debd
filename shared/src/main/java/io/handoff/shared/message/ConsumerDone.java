package io.handoff.shared.message;

/**
 * A consumer has stopped with its workers idle: its counts and the state of its ledger.
 *
 * @param processed items applied and published as results
 * @param malformed records that were not valid items and went to the dead-letter topic
 * @param foreign   valid items of another run, skipped
 * @param failed    items whose transfer or result write failed; they went to the dead-letter topic
 * @param ledger    balances summed after the last transfer
 * @param stats     how its locks, semaphore and threads behaved
 * @param finished  the partitions it finished: every producer's sentinel seen, everything before processed
 * @param controlRefused records on {@code control} addressed to it and not obeyed, by reason
 * @param repeatRisks    hand-overs of its partitions after which work may be done twice: lost (its session
 *                       expired), revoked with work in hand, assigned without committed offsets, or a commit
 *                       the group refused because it had moved on (the consumer was fenced)
 */
public record ConsumerDone(String runId, String instanceId, long processed, long malformed, long foreign,
        long failed, LedgerTotals ledger, ConsumerStats stats, java.util.List<Integer> finished, long atMs,
        java.util.Map<String, Long> controlRefused, long repeatRisks) implements StatusEvent {

    /** Copied: a null partition (anyone can write to status) is refused here. */
    public ConsumerDone {
        finished = java.util.List.copyOf(finished);
        controlRefused = controlRefused == null ? java.util.Map.of() : java.util.Map.copyOf(controlRefused);
    }
}
