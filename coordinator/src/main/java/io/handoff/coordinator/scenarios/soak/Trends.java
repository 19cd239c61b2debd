package io.handoff.coordinator.scenarios.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The soak's samples as series, one per process (by pid) and metric and one per file, each with its trend. */
final class Trends {

    private Trends() {
    }

    /**
     * Every series' trend over the judged window, {@code fromS} to {@code stopS}.
     *
     * <p>Three kinds. Each process (by pid), judged if it lived {@code spans.processS()} of the window: two rounds of
     * faults, where the window holds two, so that its life holds the round's pattern more than once (a broker
     * restarted once a round opens fewer segments just after a fault and more a minute later; over one life that
     * looks like growth, and is not). Each instance whose process was restarted in the window (the broker,
     * {@code consumer-0}), all its processes as one series, judged over the whole window: a process that lives one
     * round is judged as part of its instance, which grows only if the rounds do. Each file of the run's folder,
     * judged if it was there for {@code spans.fileS()}.
     *
     * <p>Where the window is shorter than two rounds, a process is judged alone only if it was already up
     * {@code spans.settledS()} (a round) before the window, or since the soak's first samples: one started just
     * before a short window spends all of it in its own start: SoakIT saw a restarted broker's open files climb
     * from 219 to 252 over its first 40 s, as its predecessor's had over the same part of its life (most likely
     * the index files of new segments, where the older segments' open only when read), and judged that a leak.
     * A process judged alone in such a window is judged against its samples of the round before the window (see
     * {@link Growth#acrossRounds}): over one round, a line reads the round's own rise as growth.
     */
    static List<Growth> of(List<ResourceSampler.ProcessSample> samples, List<ResourceSampler.DiskSample> disk,
            double fromS, double stopS, Spans spans) {
        List<ResourceSampler.ProcessSample> window = samples.stream().filter(s -> s.atS() >= fromS && s.atS() <= stopS)
                .toList();
        Map<String, List<ResourceSampler.ProcessSample>> byProcess = new LinkedHashMap<>();
        Map<String, List<ResourceSampler.ProcessSample>> byInstance = new LinkedHashMap<>();
        window.forEach(s -> {
            byProcess.computeIfAbsent(s.process() + " pid " + s.pid(), k -> new ArrayList<>()).add(s);
            byInstance.computeIfAbsent(s.process(), k -> new ArrayList<>()).add(s);
        });
        Map<Long, Double> firstSeen = new LinkedHashMap<>();
        samples.forEach(s -> firstSeen.merge(s.pid(), s.atS(), Math::min));
        double soakBegan = samples.stream().mapToDouble(ResourceSampler.ProcessSample::atS).min().orElse(fromS);
        double settledBy = Math.max(fromS - spans.settledS(), soakBegan);
        List<Growth> growths = new ArrayList<>();
        byProcess.forEach((name, series) -> {
            long pid = series.getFirst().pid();
            boolean settled = firstSeen.get(pid) <= settledBy;
            // Where the window holds one round, a settled process is judged against its round before the window.
            List<ResourceSampler.ProcessSample> before = settled && spans.settledS() > 0
                    ? samples.stream().filter(s -> s.pid() == pid && s.atS() >= settledBy && s.atS() < fromS).toList()
                    : List.of();
            addProcess(growths, name, before, series, settled ? spans.processS() : Double.POSITIVE_INFINITY);
        });
        byInstance.forEach((name, series) -> {
            if (series.stream().map(ResourceSampler.ProcessSample::pid).distinct().count() > 1) {
                addProcess(growths, name + " (all its processes)", List.of(), series, spans.instanceS());
            }
        });
        Map<String, List<double[]>> byFile = new LinkedHashMap<>();
        disk.stream().filter(s -> s.atS() >= fromS && s.atS() <= stopS)
                .forEach(s -> byFile.computeIfAbsent(s.file(), k -> new ArrayList<>())
                        .add(new double[] {s.atS(), s.bytes()}));
        byFile.forEach((file, points) -> growths.add(Growth.of(file, Growth.Metric.DISK, points, spans.fileS())));
        return growths;
    }

    /**
     * The least span in the window, in seconds, that makes each kind of series judged; and how long before the
     * window a process must have been up to be judged alone (0 where the window holds two rounds).
     */
    record Spans(double processS, double instanceS, double fileS, double settledS) {
    }

    /** A process's three series: against {@code before} where there are samples before the window, else a line. */
    private static void addProcess(List<Growth> growths, String name, List<ResourceSampler.ProcessSample> before,
            List<ResourceSampler.ProcessSample> series, double minSpanS) {
        // The coordinator's audit keeps a bit per item by design; what it holds beyond that must not grow.
        ToDoubleFunction<ResourceSampler.ProcessSample> heap = s -> s.heapAfterGcBytes() - s.heldBytes();
        growths.add(growth(name, Growth.Metric.HEAP, before, series, heap, minSpanS));
        growths.add(growth(name, Growth.Metric.THREADS, before, series, ResourceSampler.ProcessSample::threads,
                minSpanS));
        growths.add(growth(name, Growth.Metric.OPEN_FILES, before, series, ResourceSampler.ProcessSample::openFiles,
                minSpanS));
    }

    private static Growth growth(String name, Growth.Metric metric, List<ResourceSampler.ProcessSample> before,
            List<ResourceSampler.ProcessSample> series, ToDoubleFunction<ResourceSampler.ProcessSample> value,
            double minSpanS) {
        return before.isEmpty() ? Growth.of(name, metric, points(series, value), minSpanS)
                : Growth.acrossRounds(name, metric, points(before, value), points(series, value), minSpanS);
    }

    private static List<double[]> points(List<ResourceSampler.ProcessSample> series,
            ToDoubleFunction<ResourceSampler.ProcessSample> value) {
        return series.stream().map(s -> new double[] {s.atS(), value.applyAsDouble(s)}).toList();
    }
}
