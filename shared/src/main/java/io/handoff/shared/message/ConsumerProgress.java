package io.handoff.shared.message;

import java.util.List;
import java.util.Map;

/**
 * A consumer's heartbeat, twice a second.
 *
 * @param pid                 the consumer's process: a restarted instance counts from zero again
 * @param processed           items applied and published so far
 * @param processedByProducer the same per producer: producers turn it into credits
 * @param outstanding         records taken and not finished
 * @param queueDepth          items waiting for a worker
 * @param pausedPartitions    partitions the connector has paused because this consumer is full
 * @param uncommitted         records read past the committed offsets, summed over held partitions: what another
 *                            consumer would read again if this one died now
 * @param assigned            partitions this consumer holds
 * @param finished            of those, partitions whose every producer's sentinel has been seen and processed
 * @param delayMs             extra time spent per item (slow-consumer mode)
 * @param workersReplaced     worker threads that died and were replaced
 * @param heapUsedBytes       heap in use after the last collection
 * @param concurrency         threads by role and state, lock and semaphore totals, refreshed once a second
 */
public record ConsumerProgress(String runId, String instanceId, long atMs, long pid, long processed,
        Map<String, Long> processedByProducer, long outstanding, int queueDepth, int pausedPartitions, long uncommitted,
        List<Integer> assigned, List<Integer> finished, int delayMs, long workersReplaced, long heapUsedBytes,
        ConcurrencySample concurrency)
        implements StatusEvent {

    /** Copied: a null key, count or partition (anyone can write to status) is refused here. */
    public ConsumerProgress {
        processedByProducer = Map.copyOf(processedByProducer);
        assigned = List.copyOf(assigned);
        finished = List.copyOf(finished);
    }
}
