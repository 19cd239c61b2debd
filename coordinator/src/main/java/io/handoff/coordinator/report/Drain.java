package io.handoff.coordinator.report;

/**
 * How the stop drained: how long from the stop until the last consumer reported done (every partition it held
 * finished by sentinels, its last commit made), against what the work left then should take. A drain that only
 * finishes what was in flight (sent, not yet processed) at the pipeline's own pace takes
 * {@code inFlightAtStop / itemsPerSec}; the bound adds a second for the sentinels and the last commits. The
 * processes' own exit (closing their Kafka clients) comes after, in {@code exitedMs}. Reported, not judged: a
 * test must not fail on a slow machine's timing.
 *
 * @param ms             stop sent to the last consumer's done report
 * @param exitedMs       stop sent to the last consumer process exited
 * @param inFlightAtStop items written to Kafka and not yet processed when the stop was sent
 * @param itemsPerSec    items processed per second from the start to the stop
 * @param boundMs        {@code 1000 + inFlightAtStop / itemsPerSec} in milliseconds
 */
public record Drain(long ms, long exitedMs, long inFlightAtStop, double itemsPerSec, long boundMs) {

    public static final Drain NONE = new Drain(0, 0, 0, 0, 0);

    public static Drain of(long ms, long exitedMs, long inFlightAtStop, double itemsPerSec) {
        long work = itemsPerSec > 0 ? Math.round(inFlightAtStop / itemsPerSec * 1000) : 0;
        return new Drain(ms, exitedMs, inFlightAtStop, Math.round(itemsPerSec * 10) / 10.0, 1000 + work);
    }

    public boolean withinBound() {
        return ms <= boundMs;
    }
}
