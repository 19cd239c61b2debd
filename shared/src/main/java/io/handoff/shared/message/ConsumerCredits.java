package io.handoff.shared.message;

import java.util.Map;

/**
 * A consumer's count of processed items per producer, ten times a second while it changes: what producers
 * turn into credits. Apart from the heavier heartbeat, so that the credit window, not the report interval,
 * sets a producer's pace.
 *
 * @param pid                 the consumer's process: a restarted instance counts from zero again
 * @param processedByProducer items of each producer whose results are written, in all
 */
public record ConsumerCredits(String runId, String instanceId, long atMs, long pid,
        Map<String, Long> processedByProducer) implements StatusEvent {

    /** Copied: a null key or count (anyone can write to status) is refused here, not met by a reader later. */
    public ConsumerCredits {
        processedByProducer = Map.copyOf(processedByProducer);
    }
}
