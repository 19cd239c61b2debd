package io.handoff.shared.message;

/**
 * A producer's heartbeat, twice a second.
 *
 * @param sent          items acknowledged by Kafka so far
 * @param queueDepth    items generated and waiting for a sender
 * @param inFlight      items handed to Kafka and not yet acknowledged
 * @param unprocessed   items sent and not yet processed by any consumer, as far as the producer knows
 * @param creditWindow  the most {@code unprocessed} may reach before the producer waits (0 = no window)
 * @param ratePerSecond the rate limit in force (0 = none)
 * @param heapUsedBytes heap in use after the last collection, to show memory stays flat under backpressure
 * @param concurrency   threads by role and state, refreshed once a second
 */
public record ProducerProgress(String runId, String instanceId, long atMs, long sent, int queueDepth, long inFlight,
        long unprocessed, long creditWindow, int ratePerSecond, long heapUsedBytes, ConcurrencySample concurrency)
        implements StatusEvent {
}
