package io.handoff.coordinator.audit;

import io.handoff.shared.json.ResultCodec;
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
    /** The latest finish time of a result from each partition (index): which partitions are making progress. */
    private long[] lastFinishedByPartition = new long[0];
    private final Map<String, long[]> uniqueByConsumer = new TreeMap<>();
    /** Each partition's start offset, by index; looked up once per partition instead of once per result. */
    private long[] startByPartition = new long[0];
    private long lastPid = -1;
    private Map<Integer, BitSet> lastPidOffsets;
    private String lastProducer;
    private BitSet lastSeen;
    private String lastConsumer;
    private long[] lastConsumerCount;
    private final Histogram latencyMs = new Histogram(MAX_TRACKED_LATENCY_MS, 3);
    /**
     * The same for items created after the warm-up: the services' first seconds (JIT compilation, class loading,
     * the group's first fetches) are a start-up cost, not the pipeline's latency, and a run's p99 would measure
     * them. Both are reported.
     */
    private final Histogram steadyLatencyMs = new Histogram(MAX_TRACKED_LATENCY_MS, 3);
    private long steadyFromMs = Long.MAX_VALUE;
    private long unique;
    private long duplicates;
    private long otherRuns;
    private long unreadable;
    /**
     * Per account key (the item's key, {@code acct-N}, which the result carries as its record key), one more than
     * the highest item offset of that key applied so far: a key's items all lie on one partition, and each must be
     * applied after the ones before it. Indexed by N, so a result costs no lookup and no allocation here.
     */
    private long[] highestByKey = new long[0];
    /**
     * The consumer process behind each key's highest: a new owner of a key's partition starts again from the
     * group's committed offset, below what the last owner reached (an item whose result write failed and was
     * dead-lettered lies there too), so order is compared within one process's run of a key.
     */
    private long[] pidByKey = new long[0];
    private long outOfOrder;
    /** The first violations, for the report: enough to find them, never the whole history. */
    private final java.util.List<String> outOfOrderSamples = new java.util.ArrayList<>();
    static final int SAMPLES_KEPT = 10;
    /** Account numbers a key may carry; anything else is not a key this run's producers write. */
    static final int MAX_KEY = 1 << 20;
    private long firstCreatedMs = Long.MAX_VALUE;
    private long lastFinishedMs = Long.MIN_VALUE;

    /** @param startOffsets where each partition of {@code items} stood when the run began */
    /** Sequence numbers per producer, and offsets per partition, a run can have: bitmaps of at most 32 MB. */
    static final long MAX_TRACKED = 1L << 28;
    /** Partitions of items a result may name; a topic has far fewer, and Handoff makes at most 1,000. */
    static final int MAX_PARTITIONS = 100_000;

    private final io.handoff.shared.runtime.RejectionLog rejections = new io.handoff.shared.runtime.RejectionLog(
            org.jboss.logging.Logger.getLogger(ResultAudit.class), "a result record");

    public ResultAudit(String runId, Map<TopicPartition, Long> startOffsets) {
        this.runId = runId;
        this.startOffsets = startOffsets;
    }

    public void accept(ConsumerRecord<byte[], byte[]> record) {
        Result result;
        try {
            result = ResultCodec.read(record.value()); // parsed outside the lock
        } catch (IOException e) {
            synchronized (this) {
                unreadable++;
            }
            rejections.rejected("at " + record.partition() + "@" + record.offset() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        accept(result, accountKey(record.key()));
    }

    /**
     * One result into the books. Runs for every result of the run: results come in runs of one consumer and one
     * producer, so the last producer's and process's books are kept at hand instead of looked up (and boxed)
     * each time.
     */
    synchronized void accept(Result result, int key) {
        if (!runId.equals(result.runId())) {
            otherRuns++;
            return;
        }
        int partition = result.partition();
        long relativeOffset = partition < 0 || partition >= MAX_PARTITIONS ? -1 : result.offset() - startOffset(partition);
        if (relativeOffset < 0 || relativeOffset >= MAX_TRACKED || result.seq() < 0 || result.seq() >= MAX_TRACKED) {
            // Not anything a consumer of this run could have written (anyone can write to results): counted,
            // and never turned into an index, which would throw or allocate a bitmap of that size.
            unreadable++;
            rejections.rejected("partition " + partition + ", offset " + result.offset() + ", seq " + result.seq()
                    + ": outside what a consumer of this run can write");
            return;
        }
        if (result.consumerPid() != lastPid || lastPidOffsets == null) {
            lastPid = result.consumerPid();
            lastPidOffsets = offsetsByPid.computeIfAbsent(lastPid, p -> new HashMap<>());
        }
        lastPidOffsets.computeIfAbsent(partition, p -> new BitSet())
                .set((int) relativeOffset);
        if (!result.producerId().equals(lastProducer)) {
            lastProducer = result.producerId();
            lastSeen = seenByProducer.computeIfAbsent(lastProducer, p -> new BitSet());
        }
        int seq = (int) result.seq();
        if (lastSeen.get(seq)) {
            duplicates++;
            return;
        }
        lastSeen.set(seq);
        unique++;
        if (key >= 0) {
            inKeyOrder(key, partition, relativeOffset, result);
        }
        if (!result.consumerId().equals(lastConsumer)) {
            lastConsumer = result.consumerId();
            lastConsumerCount = uniqueByConsumer.computeIfAbsent(lastConsumer, c -> new long[1]);
        }
        lastConsumerCount[0]++;
        if (partition >= lastFinishedByPartition.length) {
            lastFinishedByPartition = java.util.Arrays.copyOf(lastFinishedByPartition, partition + 1);
        }
        lastFinishedByPartition[partition] = Math.max(lastFinishedByPartition[partition], result.finishedAtMs());
        long latency = Math.max(0, result.finishedAtMs() - result.createdAtMs());
        latencyMs.recordValue(Math.min(latency, MAX_TRACKED_LATENCY_MS));
        if (result.createdAtMs() >= steadyFromMs) {
            steadyLatencyMs.recordValue(Math.min(latency, MAX_TRACKED_LATENCY_MS));
        }
        firstCreatedMs = Math.min(firstCreatedMs, result.createdAtMs());
        lastFinishedMs = Math.max(lastFinishedMs, result.finishedAtMs());
    }

    /**
     * Jepsen's order check, per key: an item seen for the first time must lie after every item of its key that the
     * same consumer process applied before. Work redone after a crash or a rebalance repeats items already seen
     * (duplicates, counted apart), so only a first result below its key's highest is out of order.
     */
    private void inKeyOrder(int key, int partition, long relativeOffset, Result result) {
        if (key >= highestByKey.length) {
            int size = Math.max(key + 1, highestByKey.length * 2);
            highestByKey = java.util.Arrays.copyOf(highestByKey, size);
            pidByKey = java.util.Arrays.copyOf(pidByKey, size);
        }
        if (pidByKey[key] != result.consumerPid()) {
            pidByKey[key] = result.consumerPid();
            highestByKey[key] = relativeOffset + 1;
            return;
        }
        long highest = highestByKey[key];
        if (relativeOffset + 1 < highest) {
            outOfOrder++;
            if (outOfOrderSamples.size() < SAMPLES_KEPT) {
                outOfOrderSamples.add("acct-" + key + ": item " + partition + "@" + result.offset() + " (" + result.producerId()
                        + " #" + result.seq() + ") applied by " + result.consumerId() + " after a later item of its key");
            }
        } else {
            highestByKey[key] = relativeOffset + 1;
        }
    }

    /** N of a record key {@code acct-N}, read from the bytes; -1 for any other key (or none). */
    static int accountKey(byte[] key) {
        if (key == null || key.length < 6 || key.length > 12 || key[0] != 'a' || key[1] != 'c' || key[2] != 'c'
                || key[3] != 't' || key[4] != '-') {
            return -1;
        }
        long n = 0;
        for (int i = 5; i < key.length; i++) {
            int digit = key[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            n = n * 10 + digit;
        }
        return n < MAX_KEY ? (int) n : -1;
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

    /**
     * The same over every consumer process: what the group as a whole had finished at or past its committed
     * offsets, all of it read again if every partition changed hands.
     */
    public synchronized long redoWindowOfAll(Map<Integer, Long> committed) {
        long window = 0;
        for (Long pid : offsetsByPid.keySet()) {
            window += redoWindow(pid, committed);
        }
        return window;
    }

    /** How long after the start items count as steady state, for {@link #steadyFrom}. */
    public static final long WARM_UP_MS = 5_000;

    /** Items created from {@code epochMs} on also count in the steady-state latency. */
    public synchronized void steadyFrom(long epochMs) {
        steadyFromMs = epochMs;
    }

    private static LatencySummary summary(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? null : new LatencySummary(histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    private long startOffset(int partition) {
        if (partition >= startByPartition.length) {
            int from = startByPartition.length;
            startByPartition = java.util.Arrays.copyOf(startByPartition, partition + 1);
            for (int p = from; p <= partition; p++) {
                startByPartition[p] = startOffsets.getOrDefault(new TopicPartition(Topics.ITEMS, p), 0L);
            }
        }
        return startByPartition[partition];
    }

    /** Whether every one of these partitions has a new result finished after {@code sinceMs}. */
    public synchronized boolean progressedSince(java.util.Collection<Integer> partitions, long sinceMs) {
        return partitions.stream().allMatch(p -> p >= 0 && p < lastFinishedByPartition.length
                && lastFinishedByPartition[p] > sinceMs && lastFinishedByPartition[p] != 0);
    }

    /** Distinct items of this run seen so far. */
    public synchronized long unique() {
        return unique;
    }

    private Map<String, Long> uniqueByConsumerCounts() {
        Map<String, Long> counts = new TreeMap<>();
        uniqueByConsumer.forEach((consumer, count) -> counts.put(consumer, count[0]));
        return counts;
    }

    /**
     * The verdict on what was read, given how many items each producer says Kafka acknowledged.
     *
     * @param sentByProducer producer id to items sent; sequence numbers {@code 0..sent-1} are expected
     */
    public synchronized AuditFigures figures(Map<String, Long> sentByProducer) {
        Map<String, BitSet> expected = new HashMap<>();
        sentByProducer.forEach((producer, sent) -> {
            BitSet seqs = new BitSet();
            seqs.set(0, Math.toIntExact(sent));
            expected.put(producer, seqs);
        });
        return figuresExpecting(expected);
    }

    /**
     * The verdict on what was read, given exactly which sequence numbers of each producer Kafka acknowledged:
     * from the producers' reports ({@code firstSeq} up), or read off {@code items} when a producer died.
     */
    /**
     * Bytes its bitmaps hold: a bit per item and per offset of the history, which a long run's heap grows by, by
     * design (what the audit judges is the whole history).
     */
    public synchronized long historyBytes() {
        long bits = seenByProducer.values().stream().mapToLong(BitSet::size).sum();
        for (Map<Integer, BitSet> byPartition : offsetsByPid.values()) {
            bits += byPartition.values().stream().mapToLong(BitSet::size).sum();
        }
        return bits / 8;
    }

    public synchronized AuditFigures figuresExpecting(Map<String, BitSet> expectedByProducer) {
        long lost = 0;
        long unexpected = 0;
        Map<String, Long> lostByProducer = new TreeMap<>();
        for (Map.Entry<String, BitSet> producer : expectedByProducer.entrySet()) {
            BitSet seen = seenByProducer.getOrDefault(producer.getKey(), new BitSet());
            BitSet missing = (BitSet) producer.getValue().clone();
            missing.andNot(seen);
            lostByProducer.put(producer.getKey(), (long) missing.cardinality());
            lost += missing.cardinality();
            BitSet extra = (BitSet) seen.clone();
            extra.andNot(producer.getValue());
            unexpected += extra.cardinality();
        }
        for (Map.Entry<String, BitSet> seen : seenByProducer.entrySet()) {
            if (!expectedByProducer.containsKey(seen.getKey())) {
                unexpected += seen.getValue().cardinality();
            }
        }
        long windowMs = unique == 0 ? 0 : Math.max(1, lastFinishedMs - firstCreatedMs);
        LatencySummary latency = unique == 0 ? new LatencySummary(0, 0, 0, 0)
                : new LatencySummary(latencyMs.getValueAtPercentile(50), latencyMs.getValueAtPercentile(99),
                        latencyMs.getValueAtPercentile(99.9), latencyMs.getMaxValue());
        return new AuditFigures(unique, lost, duplicates, unexpected, otherRuns, unreadable, lostByProducer,
                uniqueByConsumerCounts(), windowMs, latency, summary(steadyLatencyMs), outOfOrder,
                java.util.List.copyOf(outOfOrderSamples));
    }
}
