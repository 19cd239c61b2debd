package io.handoff.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.process.JavaCommand;
import io.handoff.shared.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One verified run of the pipeline on the bench's broker: {@code ./handoff run --bootstrap ...} as a child
 * process, its figures read back from the JSON report it writes.
 */
public final class PipelineRun {

    /** The coordinator's own JVM options, as the {@code ./handoff} script gives them. */
    static final List<String> COORDINATOR_JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** What the run prints once its consumers are ready, just before it tells the producers to start. */
    static final String STARTED = "producers start";
    /** After its own --timeout a run still stops its services (10 s each at most) and writes its report. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(60);

    /**
     * What one run is asked to do.
     *
     * @param ratePerProducer items per second each producer sends at most; 0 = as fast as it can
     * @param stopAfter       for a fixed-rate run: produce until then (with items 0)
     */
    public record Plan(String name, int producers, int consumers, int partitions, int payloadBytes, long items,
            int ratePerProducer, Duration stopAfter) {
    }

    /** What the run's report says. */
    public record Figures(String runId, boolean passed, String verdict, long produced, long consumedUnique, long lost,
            long duplicates, double itemsPerSec, long processingMs, long p50, long p99, long p999, long maxMs,
            String logs, long steadyP50, long steadyP99, long steadyP999, long steadyMaxMs) {

        /** Whether the run had items created after its warm-up. */
        public boolean hasSteady() {
            return steadyP50 >= 0;
        }
    }

    /** The figures, or why there are none (exit code 3: not built, Kafka unreachable; or no report). */
    public record Outcome(Optional<Figures> figures, int exitCode, Optional<String> problem) {
    }

    private final HandoffHome home;
    private final ChildProcesses processes;
    private final Path logDir;
    private final Duration timeout;

    public PipelineRun(HandoffHome home, ChildProcesses processes, Path logDir, Duration timeout) {
        this.home = home;
        this.processes = processes;
        this.logDir = logDir;
        this.timeout = timeout;
    }

    public Outcome run(Plan plan, String bootstrap, ProcessCpu cpu) throws InterruptedException {
        Path report = logDir.resolve(plan.name() + ".json");
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap", bootstrap,
                "--producers", Integer.toString(plan.producers()), "--consumers", Integer.toString(plan.consumers()),
                "--items", Long.toString(plan.items()), "--partitions", Integer.toString(plan.partitions()),
                "--payload-bytes", Integer.toString(plan.payloadBytes()), "--report", report.toString(),
                "--timeout", timeout.toSeconds() + "s"));
        if (plan.ratePerProducer() > 0) {
            args.addAll(List.of("--rate", Integer.toString(plan.ratePerProducer())));
        }
        if (plan.stopAfter() != null) {
            args.addAll(List.of("--stop-after", plan.stopAfter().toSeconds() + "s"));
        }
        List<String> jvm = new ArrayList<>(COORDINATOR_JVM);
        jvm.add("-D" + HandoffHome.PROPERTY + "=" + home.root());
        ChildProcess run = processes.start(plan.name(), JavaCommand.jar(home.coordinatorJar(), jvm, args), Map.of(),
                logDir.resolve(plan.name() + ".log"));
        cpu.watchTree("coordinator (run)", run.pid(), PipelineRun::roleOf);
        Optional<Integer> exit = awaitExit(run, timeout.plus(STOP_MARGIN), cpu);
        if (exit.isEmpty()) {
            run.stop(Duration.ofSeconds(15));
            return new Outcome(Optional.empty(), -1, Optional.of(plan.name() + " still running "
                    + timeout.plus(STOP_MARGIN).toSeconds() + " s after it started; stopped. See " + run.log()));
        }
        Optional<Figures> figures = read(report);
        Optional<String> problem = figures.isPresent() ? Optional.empty()
                : Optional.of(plan.name() + " exited with code " + exit.get() + " and no report: " + run.failureHint());
        return new Outcome(figures, exit.get(), problem);
    }

    /**
     * Waits for the run to end, and marks the sampler when its log says the producers start: what the processes
     * spend before that is JVM start-up and group joins, which a longer run would spread thinner.
     */
    private static Optional<Integer> awaitExit(ChildProcess run, Duration timeout, ProcessCpu cpu)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean marked = false;
        while (System.nanoTime() < deadline) {
            Optional<Integer> exit = run.awaitExit(ProcessCpu.INTERVAL);
            if (exit.isPresent()) {
                return exit;
            }
            if (!marked && logSays(run.log(), STARTED)) {
                cpu.mark();
                marked = true;
            }
        }
        return Optional.empty();
    }

    private static boolean logSays(Path log, String words) {
        try {
            return Files.readString(log).contains(words);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** A descendant of the run by its command line: the jar it runs says which service it is. */
    static String roleOf(ProcessHandle process) {
        String command = process.info().commandLine().orElse("");
        return command.contains("producer-service") ? "producer-service"
                : command.contains("consumer-service") ? "consumer-service" : "child of the run";
    }

    static Optional<Figures> read(Path report) {
        if (!Files.isRegularFile(report)) {
            return Optional.empty();
        }
        try {
            JsonNode r = Json.mapper().readTree(report.toFile());
            JsonNode latency = r.path("e2eLatencyMs");
            JsonNode steady = r.path("steadyLatencyMs");
            return Optional.of(new Figures(r.path("runId").asText(), r.path("passed").asBoolean(),
                    r.path("verdict").asText(), r.path("produced").asLong(), r.path("consumedUnique").asLong(),
                    r.path("lost").asLong(), r.path("duplicates").asLong(), r.path("itemsPerSec").asDouble(),
                    r.path("processingMs").asLong(), latency.path("p50").asLong(), latency.path("p99").asLong(),
                    latency.path("p999").asLong(-1), latency.path("max").asLong(), r.path("logs").asText(),
                    steady.path("p50").asLong(-1), steady.path("p99").asLong(-1), steady.path("p999").asLong(-1),
                    steady.path("max").asLong(-1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
