package io.handoff.coordinator.audit;

import java.util.List;
import java.util.Map;

/**
 * What the results audit found.
 *
 * @param unique           distinct items of this run that reached {@code results}
 * @param lost             expected sequence numbers with no result
 * @param duplicates       results for an item already seen (work repeated after a crash or rebalance)
 * @param unexpected       results for sequence numbers no producer reported sending
 * @param otherRuns        results of other runs, ignored
 * @param unreadable       records on {@code results} that were not valid results, ignored
 * @param lostByProducer   producer id to its lost count
 * @param uniqueByConsumer consumer id to the distinct items it processed
 * @param processingMs     first item created to last item finished
 * @param latencyMs        end-to-end latency percentiles
 * @param steadyLatencyMs  the same for items created after the warm-up ({@link ResultAudit#WARM_UP_MS}); null if none
 * @param outOfOrder       items applied, for the first time, after a later item of their key
 * @param outOfOrderSamples the first of those, each with its key, place, producer, sequence number and consumer
 */
public record AuditFigures(long unique, long lost, long duplicates, long unexpected, long otherRuns, long unreadable,
        Map<String, Long> lostByProducer, Map<String, Long> uniqueByConsumer, long processingMs,
        LatencySummary latencyMs, LatencySummary steadyLatencyMs, long outOfOrder, List<String> outOfOrderSamples) {
}
