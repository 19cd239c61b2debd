package io.handoff.shared.message;

import java.util.Objects;

/**
 * The last record a producer writes to one partition of {@code items}: "producer X is done, having sent
 * {@code sent} items in all". Records carrying it have the header {@link #KIND_HEADER} = {@link #KIND}, so
 * consumers tell it from an item without parsing.
 *
 * <p>Consumers never acknowledge a sentinel, so the committed offset never passes it: a partition that
 * changes hands mid-drain is read again from before its sentinels, and its new owner finishes it.
 */
public record Sentinel(String runId, String producerId, long sent, int partition, long atMs) {

    /** The header that marks a record's kind. */
    public static final String KIND_HEADER = "handoff-kind";
    /** Its value on sentinel records. */
    public static final String KIND = "sentinel";

    public Sentinel {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(producerId, "producerId");
        if (sent < 0 || partition < 0) {
            throw new IllegalArgumentException("a sentinel's sent and partition are >= 0, got sent=" + sent
                    + " partition=" + partition);
        }
    }
}
