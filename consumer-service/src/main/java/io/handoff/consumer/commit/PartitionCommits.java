package io.handoff.consumer.commit;

import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * The commit rules of one assignment of one partition: the committed offset is the end of the longest run
 * of committable segments from the oldest, the contiguous watermark of finished work (work finishes out of
 * order across keys, so a later segment can be done before an earlier one, and must wait for it). A crash
 * can therefore repeat work, never skip it.
 *
 * <p>Not thread-safe: its owner's guard (the sentinel tracker's lock) covers every call.
 */
public final class PartitionCommits {

    private final ArrayDeque<Segment<?>> open = new ArrayDeque<>();
    /** The end of the last retired segment: the watermark; -1 before any. */
    private long watermark = -1;

    public void add(Segment<?> segment) {
        if (!segment.isEmpty()) {
            open.addLast(segment);
        }
    }

    /**
     * The offset to commit now: every segment from the oldest that is committable is retired, and the
     * watermark is the end of the last one. Empty while nothing is finished. The same offset is given again
     * until it moves, so a commit that failed is made good by the next.
     */
    public OptionalLong advance() {
        while (!open.isEmpty() && open.peekFirst().committable()) {
            watermark = open.pollFirst().end();
        }
        return watermark < 0 ? OptionalLong.empty() : OptionalLong.of(watermark);
    }
}
