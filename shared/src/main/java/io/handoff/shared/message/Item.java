package io.handoff.shared.message;

import java.util.Objects;

/**
 * One unit of work on the {@code items} topic.
 *
 * <p>{@code (producerId, seq)} identifies an item across the whole run: the audit checks that every
 * sequence number {@code 0..sent-1} of every producer appears in {@code results}.
 *
 * @param runId       the run this item belongs to; records of other runs are skipped, never processed
 * @param producerId  the producer instance that created it
 * @param seq         per-producer sequence number, from 0 without gaps
 * @param key         the Kafka record key; items with one key are processed in order
 * @param createdAtMs wall-clock creation time, the start of the end-to-end latency
 * @param transfer    the ledger work
 * @param work        what the consumer does before the transfer: nothing, CPU, or waiting
 * @param payload     filler of the configured size, to make records as large as the user asks
 */
public record Item(String runId, String producerId, long seq, String key, long createdAtMs, Transfer transfer,
        Work work, String payload) {

    public Item {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(producerId, "producerId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(payload, "payload");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, got " + seq);
        }
    }
}
