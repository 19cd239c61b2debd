package io.handoff.bench;

import io.handoff.coordinator.cli.ClusterOptions;
import io.handoff.coordinator.cli.DurationConverter;
import io.handoff.coordinator.cli.ExitCodes;
import io.handoff.coordinator.cli.OneLineErrors;
import io.handoff.coordinator.cli.OptionRange;
import io.handoff.coordinator.cli.ProcessCounts;
import io.handoff.coordinator.cli.TimeoutOption;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./handoff bench-kafka}: the pipeline against Kafka's own perf tools, on one broker, in one run. */
@Command(name = "bench-kafka", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "Measures the pipeline against Kafka's own perf tools on ONE broker in one run: throughput ratio, CPU and "
                + "context switches per item, and end-to-end latency at fixed rates.",
            "",
            "For each payload size: ProducerPerformance and ConsumerPerformance together on a fresh topic (A1), a "
                + "verified pipeline run at full speed (B), the perf tools again (A2), then pipeline runs at 25, 50 and "
                + "75%% of B's rate. A/B/A on one broker, so that drift cancels. Every process's CPU and voluntary "
                + "context switches are sampled from /proc. Prints one table, and writes bench-kafka.json and "
                + "bench-kafka.md under target/benchmarks/.",
            ""},
        footer = {
            "",
            "Exit codes: 0 every phase ran and every pipeline run passed its audit; 1 a phase failed; 2 wrong usage; "
                + "3 Kafka unreachable or refused the credentials, or nothing built."})
public class BenchKafkaCommand implements Callable<Integer> {

    /**
     * {@code ./handoff bench-kafka}: the benchmark runs as a program of its own, beside the coordinator it measures
     * (which it starts for each pipeline run), with the coordinator's one-line usage errors and exit codes.
     */
    public static void main(String... args) {
        // The coordinator's classes bring JBoss LogManager, as in the coordinator; JUL must be told before any
        // logger is made, or it warns that it was reached first.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.exit(commandLine().execute(args));
    }

    /** The command with the coordinator's one-line usage errors; tests parse through the same. */
    static CommandLine commandLine() {
        return new CommandLine(new BenchKafkaCommand()).setParameterExceptionHandler(new OneLineErrors());
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000",
            description = "records per perf-tool phase, and items of the full-speed pipeline run (1000-100000000)")
    long records;

    @Option(names = "--payload-bytes", paramLabel = "B[,B...]", defaultValue = "100,1024",
            description = "payload sizes to measure, each in its own set of phases (each 1-900000)")
    String payloadBytes;

    @Mixin
    ProcessCounts processes;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    TimeoutOption timeoutOption;

    @Option(names = "--skip-sweep", description = "leave out the fixed-rate runs: a quick look at the ratios")
    boolean skipSweep;

    @Option(names = "--sweep-duration", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
            description = "how long each fixed-rate run produces (1s-1h)")
    Duration sweepDuration;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = validatedSettings();
        Console console = new Console(System.out, System.err, false);
        HandoffHome home = HandoffHome.locate();
        console.say("bench-kafka: payloads %s B, %s records per phase%s; logs in %s", settings.payloadBytes(),
                Console.count(settings.records()), settings.sweep() ? ", sweep at 25/50/75% for " + settings.sweepSeconds()
                        + " s each" : ", no sweep", home.root().relativize(new BenchKafka(home, console).logDir()));
        try {
            BenchReport report = new BenchKafka(home, console).run(settings);
            console.say("");
            BenchTable.render(report).forEach(line -> console.say("%s", line));
            List<Path> files = report.write(home.root().resolve("target/benchmarks"));
            console.say("");
            console.say("written to %s and %s", home.root().relativize(files.get(0)), home.root().relativize(files.get(1)));
            return report.passed() ? ExitCodes.PASSED : ExitCodes.FAILED;
        } catch (KafkaEndpoint.UnreachableException | IllegalStateException e) {
            console.error("handoff bench-kafka: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
    }

    private BenchSettings validatedSettings() {
        CommandLine commandLine = spec.commandLine();
        OptionRange.RECORDS.check(commandLine, records);
        cluster.check(commandLine);
        processes.check(commandLine);
        List<Integer> sizes = payloadSizes(commandLine);
        if (sweepDuration.compareTo(Duration.ofSeconds(1)) < 0 || sweepDuration.compareTo(Duration.ofHours(1)) > 0) {
            throw new CommandLine.ParameterException(commandLine,
                    "--sweep-duration must be from 1s to 1h, got " + sweepDuration.toMillis() + " ms");
        }
        Duration timeout = timeoutOption.check(commandLine);
        return new BenchSettings(records, sizes, cluster.partitions, processes.producers, processes.consumers,
                cluster.bootstrap, skipSweep ? 0 : sweepDuration.toSeconds(), timeout.toSeconds());
    }

    private List<Integer> payloadSizes(CommandLine commandLine) {
        OptionRange range = OptionRange.BENCH_PAYLOAD_BYTES;
        String expected = "--payload-bytes must be a comma-separated list of sizes, each " + range.accepted()
                + " (e.g. 100,1024), got '" + payloadBytes + "'";
        List<Integer> sizes = new ArrayList<>();
        for (String size : payloadBytes.split(",", -1)) {
            try {
                int bytes = Integer.parseInt(size.trim());
                if (bytes < range.min() || bytes > range.max()) {
                    throw new NumberFormatException();
                }
                sizes.add(bytes);
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(commandLine, expected);
            }
        }
        return List.copyOf(sizes);
    }
}
