package io.handoff.coordinator.audit;

import io.handoff.shared.json.ItemParser;
import io.handoff.shared.json.MalformedItemException;
import io.handoff.shared.message.Item;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What Kafka acknowledged on {@code items}: each producer's sequence numbers found there. A producer killed
 * mid-run never reports what it sent; what is on the topic is what the broker acknowledged, so the audit expects
 * exactly these on {@code results} (Kafka's own system tests check the same: every acknowledged message
 * consumed). Sentinels, bad records and other runs' items are not items of this run and are passed over.
 * Synchronized: the tail writes, the coordinator reads.
 */
public final class ItemTally {

    private final String runId;
    private final Map<String, BitSet> seqsByProducer = new HashMap<>();

    public ItemTally(String runId) {
        this.runId = runId;
    }

    public void accept(ConsumerRecord<byte[], byte[]> record) {
        Item item;
        try {
            item = ItemParser.parse(record.value()); // parsed outside the lock
        } catch (MalformedItemException | RuntimeException e) {
            return; // a sentinel, or a bad record: the dead-letter audit answers for those
        }
        if (!runId.equals(item.runId()) || item.seq() < 0 || item.seq() >= ResultAudit.MAX_TRACKED) {
            return;
        }
        synchronized (this) {
            seqsByProducer.computeIfAbsent(item.producerId(), p -> new BitSet()).set((int) item.seq());
        }
    }

    /** The highest sequence number of {@code producer} on the topic so far. */
    public synchronized OptionalLong highest(String producer) {
        BitSet seqs = seqsByProducer.get(producer);
        return seqs == null || seqs.isEmpty() ? OptionalLong.empty() : OptionalLong.of(seqs.length() - 1);
    }

    /** Each producer's sequence numbers on the topic, copied. */
    /** Bytes its bitmaps hold: a bit per item acknowledged, which a long run's heap grows by, by design. */
    public synchronized long historyBytes() {
        return seqsByProducer.values().stream().mapToLong(seqs -> seqs.size() / 8).sum();
    }

    public synchronized Map<String, BitSet> acknowledged() {
        Map<String, BitSet> copy = new HashMap<>();
        seqsByProducer.forEach((producer, seqs) -> copy.put(producer, (BitSet) seqs.clone()));
        return copy;
    }

    /**
     * Numbers below {@code before} that {@code producer} never got onto the topic: made, and lost with the process
     * before the broker acknowledged them. They are not the pipeline's to deliver, and are counted apart.
     */
    public synchronized long neverAcknowledged(String producer, long before) {
        BitSet seqs = seqsByProducer.getOrDefault(producer, new BitSet());
        return before - seqs.get(0, (int) before).cardinality();
    }
}
