package io.handoff.bench;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.report.Console;
import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** The phases of one payload size, each run while {@link ProcessCpu} samples what its processes spend. */
final class Phases {

    private final BenchSettings settings;
    private final KafkaEndpoint kafka;
    private final Optional<ChildProcess> broker;
    private final String benchId;
    private final PerfTools perfTools;
    private final PipelineRun pipeline;
    private final Console console;

    Phases(BenchSettings settings, KafkaEndpoint kafka, Optional<ChildProcess> broker, String benchId,
            PerfTools perfTools, PipelineRun pipeline, Console console) {
        this.settings = settings;
        this.kafka = kafka;
        this.broker = broker;
        this.benchId = benchId;
        this.perfTools = perfTools;
        this.pipeline = pipeline;
        this.console = console;
    }

    /** A1, B, A2, then the sweep at fractions of B's rate (unless B failed or the sweep is off). */
    PayloadResult forPayload(Admin admin, int bytes) throws InterruptedException, ExecutionException {
        List<PhaseResult> phases = new ArrayList<>();
        phases.add(perf(admin, "A1", bytes));
        PhaseResult full = pipeline(BenchKafka.FULL_SPEED, bytes, settings.records(), 0, null);
        phases.add(full);
        phases.add(perf(admin, "A2", bytes));
        if (settings.sweep() && full.ok() && full.ratePerSec() > 0) {
            for (int percent : BenchSettings.SWEEP_PERCENT) {
                double target = full.ratePerSec() * percent / 100;
                int perProducer = (int) Math.max(1, Math.round(target / settings.producers()));
                phases.add(pipeline("sweep " + percent + "%", bytes, 0, perProducer,
                        Duration.ofSeconds(settings.sweepSeconds())));
            }
        } else if (settings.sweep()) {
            console.say("  %-7s sweep skipped: the full-speed run did not pass, so it has no rate to take fractions of",
                    bytes + " B");
        }
        return new PayloadResult(bytes, phases, PayloadResult.Ratios.of(phases));
    }

    private PhaseResult perf(Admin admin, String phase, int bytes) throws InterruptedException, ExecutionException {
        String topic = "bench-kafka-" + benchId + "-" + bytes + "b-" + phase.toLowerCase(Locale.ROOT);
        ProcessCpu cpu = sampler();
        PerfTools.Outcome outcome;
        try {
            outcome = perfTools.run(admin, kafka.bootstrapServers(), topic, settings.partitions(), bytes,
                    settings.records(), cpu);
        } finally {
            cpu.close();
        }
        PhaseCpu used = PhaseCpu.of(cpu.usage(), cpu.reapedCpuSeconds());
        PerfOutput.ProducerSummary produced = outcome.producer().orElse(null);
        PerfOutput.ConsumerSummary consumed = outcome.consumer().orElse(null);
        PhaseResult result = new PhaseResult(phase + " perf", PhaseResult.PERF, settings.records(),
                produced == null ? 0 : produced.recordsPerSec(), consumed == null ? null : consumed.fetchRecordsPerSec(),
                null, produced == null ? null : new PhaseResult.Latency("ack", produced.p50Ms(), produced.p99Ms(),
                        produced.p999Ms(), Math.round(produced.maxLatencyMs())),
                used, outcome.problem().isEmpty(), outcome.problem().orElse("ok"), produced, consumed, null);
        console.say("  %-7s %-10s %s", bytes + " B", result.phase(), BenchTable.summary(result));
        return result;
    }

    private PhaseResult pipeline(String phase, int bytes, long items, int perProducer, Duration stopAfter)
            throws InterruptedException {
        String name = phase.replace(" ", "-").replace("%", "") + "-" + bytes + "b";
        PipelineRun.Plan plan = new PipelineRun.Plan(name, settings.producers(), settings.consumers(),
                settings.partitions(), bytes, items, perProducer, stopAfter);
        ProcessCpu cpu = sampler();
        PipelineRun.Outcome outcome;
        try {
            outcome = pipeline.run(plan, kafka.bootstrapServers(), cpu);
        } finally {
            cpu.close();
        }
        PhaseCpu used = PhaseCpu.of(cpu.usage(), cpu.reapedCpuSeconds());
        PipelineRun.Figures f = outcome.figures().orElse(null);
        Double target = perProducer > 0 ? (double) perProducer * settings.producers() : null;
        String result = f == null ? outcome.problem().orElse("no report")
                : String.format(Locale.ROOT, "%s, lost %d, duplicates %d%s", f.passed() ? "passed" : "FAILED: " + f.verdict(),
                        f.lost(), f.duplicates(), f.passed() ? "" : "; logs " + f.logs());
        PhaseResult phaseResult = new PhaseResult(phase, PhaseResult.PIPELINE, f == null ? 0 : f.consumedUnique(),
                f == null ? 0 : f.itemsPerSec(), null, target,
                f == null ? null : latency(f, perProducer > 0),
                used, f != null && f.passed(), result, null, null, f);
        console.say("  %-7s %-10s %s", bytes + " B", phase, BenchTable.summary(phaseResult));
        return phaseResult;
    }

    /** A sampler that also follows the broker and this JVM, whose costs are reported apart. */
    private ProcessCpu sampler() {
        ProcessCpu cpu = new ProcessCpu();
        broker.ifPresent(b -> cpu.watchOngoing("broker", b.pid(), ProcessUsage.Role.BROKER));
        cpu.watchOngoing("bench-kafka (this JVM)", ProcessHandle.current().pid(), ProcessUsage.Role.BENCH);
        return cpu;
    }

    /**
     * A fixed-rate run's latency is its steady state (items created after the warm-up, see
     * {@code ResultAudit.WARM_UP_MS}); a full-speed run's is the whole run's, since its backlog is the point.
     */
    private static PhaseResult.Latency latency(PipelineRun.Figures f, boolean fixedRate) {
        if (fixedRate && f.hasSteady()) {
            return new PhaseResult.Latency("steady", f.steadyP50(), f.steadyP99(), f.steadyP999(), f.steadyMaxMs());
        }
        return new PhaseResult.Latency("e2e", f.p50(), f.p99(), f.p999(), f.maxMs());
    }
}
