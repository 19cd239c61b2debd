package io.handoff.coordinator.audit;

import io.handoff.shared.json.Json;
import io.handoff.shared.message.Result;
import org.HdrHistogram.Histogram;
import io.handoff.shared.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the {@code results} topic against what the producers sent: which sequence numbers arrived, which
 * arrived more than once, which consumer did each, and how long each took from creation to done.
 *
 * <p>Records arrive on the results tail's thread and figures are read by the coordinator's thread, so
 * every method is synchronized on this audit: it guards every field below.
 */
public final class ResultAudit {

    private static final long MAX_TRACKED_LATENCY_MS = 3_600_000;

    private final String runId;
    private final Map<TopicPartition, Long> startOffsets;
    private final Map<String, BitSet> seenByProducer = new HashMap<>();
    /** Offsets (from the run's start) each consumer process finished, per partition: the redo windows. */
    private final Map<Long, Map<Integer, BitSet>> offsetsByPid = new HashMap<>();
    /** The latest finish time of a result from each partition: which partitions are making progress. */
    private final Map<Integer, Long> lastFinishedByPartition = new HashMap<>();
    private final Map<String, Long> uniqueByConsumer = new TreeMap<>();
    private final Histogram latencyMs = new Histogram(MAX_TRACKED_LATENCY_MS, 3);
    private long unique;
    private long duplicates;
    private long otherRuns;
    private long unreadable;
    private long firstCreatedMs = Long.MAX_VALUE;
    private long lastFinishedMs = Long.MIN_VALUE;

    /** @param startOffsets where each partition of {@code items} stood when the run began */
    public ResultAudit(String runId, Map<TopicPartition, Long> startOffsets) {
        this.runId = runId;
        this.startOffsets = startOffsets;
    }

    public synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
        Result result;
        try {
            result = Json.read(record.value(), Result.class);
        } catch (IOException e) {
            unreadable++;
            return;
        }
        if (!runId.equals(result.runId())) {
            otherRuns++;
            return;
        }
        long base = startOffsets.getOrDefault(new TopicPartition(Topics.ITEMS, result.partition()), 0L);
        offsetsByPid.computeIfAbsent(result.consumerPid(), p -> new HashMap<>())
                .computeIfAbsent(result.partition(), p -> new BitSet()).set(Math.toIntExact(result.offset() - base));
        BitSet seen = seenByProducer.computeIfAbsent(result.producerId(), p -> new BitSet());
        int seq = Math.toIntExact(result.seq());
        if (seen.get(seq)) {
            duplicates++;
            return;
        }
        seen.set(seq);
        unique++;
        uniqueByConsumer.merge(result.consumerId(), 1L, Long::sum);
        lastFinishedByPartition.merge(result.partition(), result.finishedAtMs(), Math::max);
        long latency = Math.max(0, result.finishedAtMs() - result.createdAtMs());
        latencyMs.recordValue(Math.min(latency, MAX_TRACKED_LATENCY_MS));
        firstCreatedMs = Math.min(firstCreatedMs, result.createdAtMs());
        lastFinishedMs = Math.max(lastFinishedMs, result.finishedAtMs());
    }

    /**
     * The work a dead consumer process leaves to be done again: the records it finished at or after the
     * group's committed offsets, which the partitions' next owner reads again.
     */
    public synchronized long redoWindow(long pid, Map<Integer, Long> committed) {
        long window = 0;
        for (Map.Entry<Integer, BitSet> partition : offsetsByPid.getOrDefault(pid, Map.of()).entrySet()) {
            long base = startOffsets.getOrDefault(new TopicPartition(Topics.ITEMS, partition.getKey()), 0L);
            long from = committed.getOrDefault(partition.getKey(), base) - base;
            BitSet done = partition.getValue();
            window += done.get((int) Math.max(0, from), Math.max((int) Math.max(0, from), done.length())).cardinality();
        }
        return window;
    }

    /** Whether every one of these partitions has a new result finished after {@code sinceMs}. */
    public synchronized boolean progressedSince(java.util.Collection<Integer> partitions, long sinceMs) {
        return partitions.stream().allMatch(p -> lastFinishedByPartition.getOrDefault(p, Long.MIN_VALUE) > sinceMs);
    }

    /** Distinct items of this run seen so far. */
    public synchronized long unique() {
        return unique;
    }

    /**
     * The verdict on what was read, given how many items each producer says Kafka acknowledged.
     *
     * @param sentByProducer producer id to items sent; sequence numbers {@code 0..sent-1} are expected
     */
    public synchronized AuditFigures figures(Map<String, Long> sentByProducer) {
        long lost = 0;
        long unexpected = 0;
        Map<String, Long> lostByProducer = new TreeMap<>();
        for (Map.Entry<String, Long> producer : sentByProducer.entrySet()) {
            BitSet seen = seenByProducer.getOrDefault(producer.getKey(), new BitSet());
            int sent = Math.toIntExact(producer.getValue());
            long missing = sent - seen.get(0, sent).cardinality();
            lostByProducer.put(producer.getKey(), missing);
            lost += missing;
            unexpected += seen.get(sent, Math.max(sent, seen.length())).cardinality();
        }
        for (Map.Entry<String, BitSet> seen : seenByProducer.entrySet()) {
            if (!sentByProducer.containsKey(seen.getKey())) {
                unexpected += seen.getValue().cardinality();
            }
        }
        long windowMs = unique == 0 ? 0 : Math.max(1, lastFinishedMs - firstCreatedMs);
        LatencySummary latency = unique == 0 ? new LatencySummary(0, 0, 0, 0)
                : new LatencySummary(latencyMs.getValueAtPercentile(50), latencyMs.getValueAtPercentile(99),
                        latencyMs.getValueAtPercentile(99.9), latencyMs.getMaxValue());
        return new AuditFigures(unique, lost, duplicates, unexpected, otherRuns, unreadable, lostByProducer,
                new TreeMap<>(uniqueByConsumer), windowMs, latency);
    }
}
