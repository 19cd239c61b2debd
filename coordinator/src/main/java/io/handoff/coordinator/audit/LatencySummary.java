package io.handoff.coordinator.audit;

/** End-to-end latency of the run's items, creation to finished transfer, in milliseconds. */
public record LatencySummary(long p50, long p99, long p999, long max) {
}
