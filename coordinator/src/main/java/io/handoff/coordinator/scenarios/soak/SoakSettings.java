package io.handoff.coordinator.scenarios.soak;

import java.time.Duration;

/**
 * How a soak runs.
 *
 * @param duration    from the start to the stop
 * @param every       one fault this often, in turn: consumer kill, broker restart, producer kill, rebalance
 * @param sampleEvery every process and every file of the run sampled this often
 * @param calibrate   unpaced for this long at first, to measure the pipeline's most; then half of that
 * @param retention   how long the broker keeps records: its disk stays bounded, and what it keeps is measured
 */
public record SoakSettings(Duration duration, Duration every, Duration sampleEvery, Duration calibrate,
        Duration retention) {

    /** The least a soak can be: calibration, a round of faults, and a window to judge trends over. */
    public static final Duration SHORTEST = Duration.ofMinutes(1);

    public SoakSettings {
        if (duration.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("duration must be at least " + SHORTEST.toSeconds() + " s, got "
                    + duration.toSeconds() + " s");
        }
        if (every.toSeconds() < 10) {
            throw new IllegalArgumentException("faults must be at least 10 s apart (a broker restart takes that long"
                    + " to recover on a small machine), got " + every.toMillis() + " ms");
        }
        if (sampleEvery.toSeconds() < 1 || sampleEvery.compareTo(duration.dividedBy(Growth.MIN_SAMPLES * 2)) > 0) {
            throw new IllegalArgumentException("samples must be 1 s or more apart and at least "
                    + Growth.MIN_SAMPLES * 2 + " per soak, got one every " + sampleEvery.toSeconds() + " s in "
                    + duration.toSeconds() + " s");
        }
    }

    /**
     * A soak of {@code duration}: calibrated for 20 s (10 s if it is shorter than five minutes), and records kept
     * for a tenth of it, between 30 s and two minutes.
     */
    public static SoakSettings of(Duration duration, Duration every, Duration sampleEvery) {
        Duration calibrate = Duration.ofSeconds(duration.compareTo(Duration.ofMinutes(5)) < 0 ? 10 : 20);
        long retentionS = Math.clamp(duration.toSeconds() / 10, 30, 120);
        return new SoakSettings(duration, every, sampleEvery, calibrate, Duration.ofSeconds(retentionS));
    }

    /**
     * The least spans that make a series judged (see {@code Trends}), less two samples' spacing for where its first
     * and last sample fell: a process, two rounds of faults (or the window, if shorter); a file, a round (or the
     * window); an instance, nine tenths of the window (a broker down at its edge is not there to sample), and only
     * where the window holds two rounds, so that its lives repeat a round's pattern (over one round a restart's
     * drop and climb would look like a trend); where it holds fewer, a process judged alone must have been up a
     * round before it (see {@code Trends}). The spacing is the longest wait between samples the window actually
     * had, its edges included (no less than {@code sampleEvery}): on a loaded machine a round of samples, a full
     * collection in every JVM, takes longer, and unevenly.
     */
    Trends.Spans judgedSpans(double fromS, double stopS, double spacingS) {
        double window = stopS - fromS;
        double slack = 2 * Math.max(sampleEvery.toMillis() / 1000.0, spacingS);
        boolean twoRounds = holdsTwoRounds(fromS, stopS);
        double instance = twoRounds ? 0.9 * window : Double.POSITIVE_INFINITY;
        return new Trends.Spans(Math.min(window, 2 * roundS()) - slack, instance, Math.min(window, roundS()) - slack,
                twoRounds ? 0 : roundS());
    }

    /** Whether the judged window holds two rounds of faults: then a restarted instance is judged across its lives. */
    boolean holdsTwoRounds(double fromS, double stopS) {
        return stopS - fromS >= 2 * roundS() - 1e-6;
    }

    private double roundS() {
        return ROUND * every.toMillis() / 1000.0;
    }

    /** Faults in a round: a consumer kill, a broker restart, a producer kill, a rebalance. */
    static final int ROUND = 4;

    /**
     * Trends are judged from here on: past the calibration, two retention periods (the broker's disk has reached
     * its level) and the first quarter of the soak (heaps and caches have settled); and over whole rounds of
     * faults, ending at the stop, where there is room for one, so that where a round is cut off makes no trend.
     */
    double judgedFromS(double stopAtS) {
        double earliest = Math.max(calibrate.toSeconds() + 2.0 * retention.toSeconds(), stopAtS / 4);
        double round = ROUND * every.toMillis() / 1000.0;
        long rounds = (long) Math.floor((stopAtS - earliest) / round);
        return rounds > 0 ? stopAtS - rounds * round : earliest;
    }
}
