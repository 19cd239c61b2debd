package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.BrokerBounce;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;
import io.handoff.coordinator.scenario.ProducerSuccession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * A soak: unpaced at first to measure the pipeline's most, then at half of it, with a fault every so often, in turn
 * (a consumer killed, the broker restarted, a producer killed, a consumer joining and leaving), while every process
 * and every file of the run is sampled. It passes when nothing is lost, every fault recovered, and no process's heap
 * after GC, threads or open files, and no file of the run, grew beyond its noise.
 */
final class SoakFault implements Fault {

    /** A fault that has not recovered by then is given up on (and fails the soak) so the soak goes on. */
    private static final Duration GIVE_UP = Duration.ofSeconds(90);
    static final List<String> KINDS = List.of(ConsumerKillAct.KIND, BrokerBounce.FAULT, ProducerSuccession.FAULT,
            RebalanceAct.KIND);

    private final SoakSettings settings;
    private final List<java.util.function.Supplier<Act>> rotation = List.of(
            () -> new ConsumerKillAct("consumer-0"),
            () -> new BrokerBounceAct(Duration.ofSeconds(3)),
            () -> new ProducerKillAct("producer-0"),
            RebalanceAct::new);
    private long startedNanos;
    private ResourceSampler sampler;
    private long halfwayNanos;
    private long halfwayProcessed;
    private double measuredPerSecond;
    private int perProducer;
    private int producers;
    private double pacedAtS;
    private long processedWhenPaced;
    private final List<Act> acts = new ArrayList<>();
    private final List<Act> givenUp = new ArrayList<>();
    private Act current;
    private long currentSinceNanos;
    private long nextDueNanos;
    private double stopAtS = -1;
    private long processedAtStop;
    private SoakFindings findings;
    private java.nio.file.Path runDir;

    SoakFault(SoakSettings settings) {
        this.settings = settings;
    }

    @Override
    public void started(FaultScene scene, long nowNanos) {
        startedNanos = nowNanos;
        nextDueNanos = nowNanos + settings.calibrate().plus(settings.every().dividedBy(2)).toNanos();
        runDir = scene.runDir();
        sampler = new ResourceSampler(scene.runDir(), scene::historyBytes, nowNanos, settings.sampleEvery());
        sampler.targets(targets(scene));
    }

    private static Map<String, Long> targets(FaultScene scene) {
        Map<String, Long> pids = new HashMap<>(scene.servicePids());
        scene.broker().filter(b -> !b.down()).ifPresent(b -> pids.put("broker", b.pid()));
        return pids;
    }

    @Override
    public void tick(FaultScene scene, long nowNanos, boolean draining) throws ExecutionException,
            InterruptedException {
        if (stopAtS < 0) {
            sampler.targets(targets(scene));
        }
        calibrate(scene, nowNanos);
        if (current != null) {
            if (current.recovered(scene, nowNanos)) {
                current = null;
            } else if (nowNanos - currentSinceNanos > GIVE_UP.toNanos()) {
                givenUp.add(current);
                current = null;
            }
        } else if (!draining && perProducer > 0 && nowNanos >= nextDueNanos) {
            current = rotation.get(acts.size() % rotation.size()).get();
            acts.add(current);
            scene.tell(new SoakEvent.FaultDue(acts.size(), current.kind()));
            currentSinceNanos = nowNanos;
            nextDueNanos = nowNanos + settings.every().toNanos();
            current.begin(scene, nowNanos);
        }
    }

    /** Unpaced for the first half of the calibration to warm up, measured over the second, then half of that. */
    private void calibrate(FaultScene scene, long nowNanos) throws ExecutionException, InterruptedException {
        if (perProducer > 0) {
            return;
        }
        long since = nowNanos - startedNanos;
        if (halfwayNanos == 0 && since >= settings.calibrate().toNanos() / 2) {
            halfwayNanos = nowNanos;
            halfwayProcessed = scene.processed();
        } else if (halfwayNanos > 0 && since >= settings.calibrate().toNanos()) {
            measuredPerSecond = (scene.processed() - halfwayProcessed) / ((nowNanos - halfwayNanos) / 1e9);
            producers = (int) scene.servicePids().keySet().stream().filter(n -> n.startsWith("producer-")).count();
            perProducer = (int) Math.max(1, Math.round(measuredPerSecond / 2 / producers));
            scene.setProducerRate(perProducer);
            pacedAtS = since / 1e9;
            processedWhenPaced = scene.processed();
            scene.tell(new SoakEvent.RateSet(measuredPerSecond, perProducer, producers));
        }
    }

    /** The trends are judged up to the stop: sampling ends there, before the drain empties the pipeline. */
    @Override
    public void stopSent(FaultScene scene, long nowNanos) {
        stopAtS = (nowNanos - startedNanos) / 1e9;
        processedAtStop = scene.processed();
        sampler.close();
    }

    @Override
    public boolean pending() {
        return current != null || perProducer == 0;
    }

    @Override
    public boolean mayRepeatWork() {
        return true;
    }

    @Override
    public long unacknowledged() {
        return acts.stream().mapToLong(Act::unacknowledged).sum();
    }

    @Override
    public List<RunReport.FaultReport> report() {
        return acts.stream().map(Act::report).toList();
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        SoakFindings found = findings();
        List<Check> checks = new ArrayList<>();
        checks.add(faultsCameRound());
        checks.add(new Check("paced at half the pipeline's most", perProducer > 0, perProducer == 0
                ? "the calibration never finished"
                : String.format(Locale.ROOT, "%s items/s unpaced over %d s; then %s/s for each of %d producers;"
                        + " %s items/s achieved from then to the stop, faults included",
                        Console.count(Math.round(measuredPerSecond)), settings.calibrate().toSeconds() / 2,
                        Console.count(perProducer), producers, Console.count(Math.round(found.achievedPerSecond())))));
        long window = acts.stream().mapToLong(Act::redoWindow).sum();
        checks.add(new Check("duplicates within the uncommitted window", evidence.history().duplicated() <= window,
                Console.count(evidence.history().duplicated()) + " duplicates; window " + Console.count(window)
                        + " (the sum over the faults of what each may have had redone, as measured when it struck)"));
        for (Growth.Metric metric : Growth.Metric.values()) {
            checks.add(noGrowth(metric, found));
        }
        return checks;
    }

    private Check faultsCameRound() {
        Map<String, Long> byKind = acts.stream().collect(Collectors.groupingBy(Act::kind, TreeMap::new,
                Collectors.counting()));
        List<String> missing = KINDS.stream().filter(k -> !byKind.containsKey(k)).toList();
        List<String> unrecovered = acts.stream().filter(a -> !a.hasRecovered() && a != current)
                .map(a -> a.kind() + " at " + a.target()).toList();
        boolean passed = missing.isEmpty() && unrecovered.isEmpty() && current == null;
        return new Check("every kind of fault, each recovered", passed, acts.size() + " faults: " + byKind
                + (missing.isEmpty() ? "" : "; never came: " + String.join(", ", missing)
                        + " (a longer soak, or faults closer together)")
                + (unrecovered.isEmpty() ? "" : "; never recovered: " + String.join(", ", unrecovered))
                + (current == null ? "" : "; still recovering at the end: " + current.kind())
                + "; recovery " + acts.stream().filter(Act::hasRecovered).mapToLong(a -> a.recoveryMs)
                        .summaryStatistics().toString().replaceAll("LongSummaryStatistics", "ms"));
    }

    /**
     * Each metric needs series enough to judge, or the soak proves nothing: for the processes, the coordinator, a
     * producer and a consumer, and the broker where the window holds two rounds; for the disk, the broker's data
     * and a log.
     */
    private Check noGrowth(Growth.Metric metric, SoakFindings found) {
        List<Growth> all = found.growths().stream().filter(g -> g.metric() == metric).toList();
        List<Growth> judged = all.stream().filter(Growth::judged).toList();
        List<Growth> grew = judged.stream().filter(g -> !g.passed()).toList();
        List<String> needed = metric == Growth.Metric.DISK ? List.of(ResourceSampler.BROKER_DATA, "log")
                : settings.holdsTwoRounds(found.judgedFromS(), found.stopAtS())
                        ? List.of(ResourceSampler.COORDINATOR, "producer", "consumer", "broker")
                        : List.of(ResourceSampler.COORDINATOR, "producer", "consumer");
        List<String> unjudged = needed.stream().filter(kind -> judged.stream().noneMatch(g -> metric == Growth.Metric.DISK
                ? (kind.equals("log") ? g.series().endsWith(".log") : g.series().equals(kind))
                : g.series().startsWith(kind))).toList();
        boolean passed = grew.isEmpty() && unjudged.isEmpty();
        String worst = judged.stream().max(java.util.Comparator.comparingDouble(g -> g.growth() / g.allowed()))
                .map(g -> "; closest to its bound: " + describe(g)).orElse("");
        return new Check("no growth: " + metric.label(), passed, judged.size() + " of " + all.size()
                + " series judged (the others too short-lived: a process judged alone lived two rounds of faults, or"
                + " the whole window)"
                + (unjudged.isEmpty() ? "" : "; none judged for " + String.join(", ", unjudged)
                        + ": the soak proves nothing of them")
                + (grew.isEmpty() ? "" : "; grew: " + grew.stream().map(SoakFault::describe)
                        .collect(Collectors.joining("; ")))
                + worst + String.format(Locale.ROOT, " (judged from %.0f s to the stop at %.0f s)",
                        found.judgedFromS(), found.stopAtS()));
    }

    static String describe(Growth g) {
        return String.format(Locale.ROOT, "%s %+.1f%s over %.0f s (allowed %.1f)", g.series(), g.growth(),
                g.metric().unit.isEmpty() ? "" : " " + g.metric().unit, g.spanS(), g.allowed());
    }

    /** What the samples show, worked out once. */
    synchronized SoakFindings findings() {
        if (findings == null) {
            if (sampler != null) {
                sampler.close(); // an aborted run never sent its stop
            }
            List<ResourceSampler.ProcessSample> samples = sampler == null ? List.of() : sampler.processSamples();
            List<ResourceSampler.DiskSample> disk = sampler == null ? List.of() : sampler.diskSamples();
            double stop = stopAtS >= 0 ? stopAtS : samples.stream().mapToDouble(s -> s.atS()).max().orElse(0);
            double from = settings.judgedFromS(stop);
            findings = new SoakFindings(measuredPerSecond, perProducer, from, stop, achieved(stop),
                    Trends.of(samples, disk, from, stop, settings.judgedSpans(from, stop, spacing(samples, from, stop))), samples,
                    disk);
            findings.writeTo(runDir.resolve("soak.json"));
        }
        return findings;
    }

    /**
     * The longest wait between the coordinator's samples in the judged window, counting from the window's start to
     * its first sample and from its last to the stop: one sample a round, however long a round took. A process
     * that lived the whole window has samples spanning at least the window less twice this; the median spacing
     * could be exceeded at both edges at once on a loaded machine, and then nothing was judged.
     */
    static double spacing(List<ResourceSampler.ProcessSample> samples, double fromS, double stopS) {
        List<Double> at = samples.stream().filter(s -> s.process().equals(ResourceSampler.COORDINATOR))
                .map(ResourceSampler.ProcessSample::atS).filter(t -> t >= fromS && t <= stopS).sorted().toList();
        if (at.isEmpty()) {
            return 0;
        }
        double longest = Math.max(at.getFirst() - fromS, stopS - at.getLast());
        for (int i = 1; i < at.size(); i++) {
            longest = Math.max(longest, at.get(i) - at.get(i - 1));
        }
        return longest;
    }

    private double achieved(double stopS) {
        double pacedS = stopS - pacedAtS;
        return perProducer == 0 || pacedS <= 0 ? 0 : (processedAtStop - processedWhenPaced) / pacedS;
    }

    Optional<SoakFindings> findingsIfRun() {
        return sampler == null ? Optional.empty() : Optional.of(findings());
    }
}
