package io.handoff.coordinator.scenarios.soak;

import java.util.List;

/**
 * Whether one measured series (a process's heap, threads or open files, or one file's size) grew over the judged
 * window beyond its noise: the least-squares line through the samples, its slope, and the growth it adds up to
 * over the series' span, against what is allowed.
 *
 * <p>Allowed is the largest of three: three standard deviations of the samples about the line (a series that
 * swings by that much would seem to grow by chance), a tenth of the series' mean (a sawtooth such as segments
 * aging out one at a time), and a floor of the metric's own (a thread or a few files come and go). A steady
 * leak lies on its line: its residuals are small, so it fails on its slope alone.
 *
 * <p>A window of one round of faults is judged against the round before it ({@link Fit#ROUNDS}): every process
 * rises and falls with the round (a producer's heap climbs some 6 MiB between one broker restart and the next, then
 * drops), and a line through one such cycle reads its climb as growth wherever the window happens to cut it (CI saw
 * +8.0 MiB of a producer's heap judged a leak). The mean over a whole round does not depend on where the round is
 * cut, so the difference of two rounds' means is a cycle's nothing and a leak's slope times a round.
 *
 * @param series   the process or file, as named in the report
 * @param metric   what was measured
 * @param samples  how many samples lie in the judged window
 * @param spanS    seconds from the first of them to the last
 * @param first    the first sample's value
 * @param last     the last one's
 * @param slopePerMinute the line's slope, in the metric's unit per minute
 * @param growth   the slope times the span: what the series grew by
 * @param allowed  how much it may grow by
 * @param fit      how the growth was worked out: a line through the window, or the window against the round before
 * @param judged   whether there were enough samples over a span long enough to judge: a process that lived
 *                 less than a round of faults in the window is reported, not judged (its life is part of a
 *                 cycle, such as a broker's disk filling up again after a restart, not a trend)
 */
public record Growth(String series, Metric metric, int samples, double spanS, double first, double last,
        double slopePerMinute, double growth, double allowed, Fit fit, boolean judged) {

    /** Fewer samples than this do not make a trend. */
    static final int MIN_SAMPLES = 6;

    /** How a series' growth was worked out. */
    public enum Fit {
        /** The least-squares line through the window's samples. */
        LINE,
        /** The mean of the window's samples against the mean of the round's before it. */
        ROUNDS
    }

    /** What is measured, its unit and its floor. */
    public enum Metric {
        HEAP("heap after GC", "MiB", 1 << 20, 8),
        THREADS("threads", "", 1, 4),
        // A process's sockets to the broker close while it is down (about a dozen: one or two per Kafka client) and
        // open again after: an outage at the edge of a short window reads as that much growth.
        OPEN_FILES("open files", "", 1, 16),
        DISK("size on disk", "MiB", 1 << 20, 1);

        final String label;
        final String unit;
        /** Raw units in one of {@link #unit}. */
        final double scale;
        /** The least growth that is allowed, in {@link #unit}. */
        final double floor;

        Metric(String label, String unit, double scale, double floor) {
            this.label = label;
            this.unit = unit;
            this.scale = scale;
            this.floor = floor;
        }

        public String label() {
            return label;
        }

        public String unit() {
            return unit;
        }
    }

    @com.fasterxml.jackson.annotation.JsonProperty("passed")
    public boolean passed() {
        return !judged || growth <= allowed;
    }

    /**
     * Fits the line through {@code points} ({seconds, raw value} pairs), values in the metric's unit; judged only
     * if the samples span at least {@code minSpanS} seconds.
     */
    static Growth of(String series, Metric metric, List<double[]> points, double minSpanS) {
        int n = points.size();
        if (n == 0) {
            return new Growth(series, metric, 0, 0, 0, 0, 0, 0, 0, Fit.LINE, false);
        }
        double meanT = 0;
        double meanV = 0;
        for (double[] p : points) {
            meanT += p[0];
            meanV += p[1] / metric.scale;
        }
        meanT /= n;
        meanV /= n;
        double stt = 0;
        double stv = 0;
        for (double[] p : points) {
            stt += (p[0] - meanT) * (p[0] - meanT);
            stv += (p[0] - meanT) * (p[1] / metric.scale - meanV);
        }
        double slope = stt == 0 ? 0 : stv / stt;
        double residuals = 0;
        for (double[] p : points) {
            double fitted = meanV + slope * (p[0] - meanT);
            residuals += Math.pow(p[1] / metric.scale - fitted, 2);
        }
        double noise = n > 2 ? Math.sqrt(residuals / (n - 2)) : 0;
        double span = points.getLast()[0] - points.getFirst()[0];
        double allowed = Math.max(3 * noise, Math.max(Math.abs(meanV) / 10, metric.floor));
        return new Growth(series, metric, n, span, points.getFirst()[1] / metric.scale,
                points.getLast()[1] / metric.scale, slope * 60, slope * span, allowed, Fit.LINE,
                n >= MIN_SAMPLES && span >= minSpanS);
    }

    /**
     * The window's samples ({@code within}) against the round's before it ({@code before}), both {seconds, raw
     * value} pairs: the slope is the difference of their means over the distance between their mean times, and the
     * growth that slope over the window's span. Its noise is the samples' spread about their own round's mean,
     * carried through to the slope; allowed as for a line. With fewer than half {@link #MIN_SAMPLES} before the
     * window there is no round to compare with, and the line through the window is judged instead.
     */
    static Growth acrossRounds(String series, Metric metric, List<double[]> before, List<double[]> within,
            double minSpanS) {
        if (before.size() < MIN_SAMPLES / 2 || within.size() < 2) {
            return of(series, metric, within, minSpanS);
        }
        double[] b = meanOf(before, metric);
        double[] w = meanOf(within, metric);
        double residuals = 0;
        for (double[] p : before) {
            residuals += Math.pow(p[1] / metric.scale - b[1], 2);
        }
        for (double[] p : within) {
            residuals += Math.pow(p[1] / metric.scale - w[1], 2);
        }
        int n = before.size() + within.size();
        double apart = w[0] - b[0];
        double slope = (w[1] - b[1]) / apart;
        double span = within.getLast()[0] - within.getFirst()[0];
        double noise = Math.sqrt(residuals / (n - 2)) * Math.sqrt(1.0 / before.size() + 1.0 / within.size())
                / apart * span;
        double allowed = Math.max(3 * noise, Math.max(Math.abs(w[1]) / 10, metric.floor));
        return new Growth(series, metric, within.size(), span, within.getFirst()[1] / metric.scale,
                within.getLast()[1] / metric.scale, slope * 60, slope * span, allowed, Fit.ROUNDS,
                within.size() >= MIN_SAMPLES && span >= minSpanS);
    }

    /** {mean time, mean value in the metric's unit}. */
    private static double[] meanOf(List<double[]> points, Metric metric) {
        double t = 0;
        double v = 0;
        for (double[] p : points) {
            t += p[0];
            v += p[1] / metric.scale;
        }
        return new double[] {t / points.size(), v / points.size()};
    }
}
