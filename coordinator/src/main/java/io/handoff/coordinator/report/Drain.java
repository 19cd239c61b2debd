package io.handoff.coordinator.report;

/**
 * How the stop drained: how long from the stop to the last consumer's exit, against what the work left then
 * should take. A drain that only finishes what was in flight (sent, not yet processed) at the pipeline's own
 * pace takes {@code inFlightAtStop / itemsPerSec}; the bound adds a second for the sentinels, the last commits
 * and the processes' exits. Reported, not judged: a test must not fail on a slow machine's timing.
 *
 * @param ms             stop sent to last consumer exited
 * @param inFlightAtStop items written to Kafka and not yet processed when the stop was sent
 * @param itemsPerSec    items processed per second from the start to the stop
 * @param boundMs        {@code 1000 + inFlightAtStop / itemsPerSec} in milliseconds
 */
public record Drain(long ms, long inFlightAtStop, double itemsPerSec, long boundMs) {

    public static final Drain NONE = new Drain(0, 0, 0, 0);

    public static Drain of(long ms, long inFlightAtStop, double itemsPerSec) {
        long work = itemsPerSec > 0 ? Math.round(inFlightAtStop / itemsPerSec * 1000) : 0;
        return new Drain(ms, inFlightAtStop, itemsPerSec, 1000 + work);
    }

    public boolean withinBound() {
        return ms <= boundMs;
    }
}
