package io.handoff.bench;

import java.util.List;

/**
 * What {@code ./handoff bench-kafka} was asked to measure.
 *
 * @param records       records per perf-tool phase and items of the full-speed pipeline run
 * @param bootstrap     the cluster given with --bootstrap; null: an embedded broker started for the bench
 * @param sweepSeconds  how long each fixed-rate run produces; 0: no sweep
 * @param timeoutSeconds the most any one process of a phase may take
 */
public record BenchSettings(long records, List<Integer> payloadBytes, int partitions, int producers, int consumers,
        String bootstrap, long sweepSeconds, long timeoutSeconds) {

    /** Fractions of the pipeline's full-speed rate that the sweep runs at. */
    public static final List<Integer> SWEEP_PERCENT = List.of(25, 50, 75);

    public boolean sweep() {
        return sweepSeconds > 0;
    }
}
