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
     * Every series' trend over the judged window, {@code fromS} to {@code stopS}; a process's series is judged if
     * it spans {@code minSpanS} of it.
     */
    static List<Growth> of(List<ResourceSampler.ProcessSample> samples, List<ResourceSampler.DiskSample> disk,
            double fromS, double stopS, double minSpanS) {
        Map<String, List<ResourceSampler.ProcessSample>> byProcess = new LinkedHashMap<>();
        samples.stream().filter(s -> s.atS() >= fromS && s.atS() <= stopS)
                .forEach(s -> byProcess.computeIfAbsent(s.process() + " pid " + s.pid(), k -> new ArrayList<>()).add(s));
        List<Growth> growths = new ArrayList<>();
        byProcess.forEach((name, series) -> {
            // The coordinator's audit keeps a bit per item by design; what it holds beyond that must not grow.
            growths.add(Growth.of(name, Growth.Metric.HEAP, points(series, s -> s.heapAfterGcBytes() - s.heldBytes()),
                    minSpanS));
            growths.add(Growth.of(name, Growth.Metric.THREADS, points(series, ResourceSampler.ProcessSample::threads),
                    minSpanS));
            growths.add(Growth.of(name, Growth.Metric.OPEN_FILES,
                    points(series, ResourceSampler.ProcessSample::openFiles), minSpanS));
        });
        Map<String, List<double[]>> byFile = new LinkedHashMap<>();
        disk.stream().filter(s -> s.atS() >= fromS && s.atS() <= stopS)
                .forEach(s -> byFile.computeIfAbsent(s.file(), k -> new ArrayList<>())
                        .add(new double[] {s.atS(), s.bytes()}));
        byFile.forEach((file, points) -> growths.add(Growth.of(file, Growth.Metric.DISK, points, minSpanS)));
        return growths;
    }

    private static List<double[]> points(List<ResourceSampler.ProcessSample> series,
            ToDoubleFunction<ResourceSampler.ProcessSample> value) {
        return series.stream().map(s -> new double[] {s.atS(), value.applyAsDouble(s)}).toList();
    }
}
