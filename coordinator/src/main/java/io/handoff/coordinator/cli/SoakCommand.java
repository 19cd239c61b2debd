package io.handoff.coordinator.cli;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.live.LiveAddress;
import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.ReportWriter;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.SummaryPrinter;
import io.handoff.coordinator.run.RunDirector;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenarios.soak.Growth;
import io.handoff.coordinator.scenarios.soak.Soak;
import io.handoff.coordinator.scenarios.soak.SoakFindings;
import io.handoff.coordinator.scenarios.soak.SoakSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./handoff soak}: a long run at half the pipeline's most, with periodic faults, watched for leaks. */
@Command(name = "soak", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "A long run on the embedded broker: unpaced for its first seconds to measure the pipeline's most, then at "
                + "half of that, with a fault every --every, in turn: a consumer killed (kill -9, restarted), the "
                + "broker killed and restarted on its data, a producer killed and restarted, a consumer joining and "
                + "leaving. Every --sample-every it samples each process (heap after a full GC, threads, open files) "
                + "and each file of the run's folder under runs/. It passes when nothing is lost, every fault "
                + "recovered, and no series grew beyond its noise; the table gives each one's slope.",
            ""},
        footer = {
            "",
            "Exit codes: 0 passed; 1 something was lost, a fault did not recover or a series grew; 2 wrong usage; "
                + "3 nothing built."})
public class SoakCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "from the start to the stop, at least 1m")
    Duration duration;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "one fault this often, at least 10s")
    Duration every;

    @Option(names = "--sample-every", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "sample every process and file this often")
    Duration sampleEvery;

    @Mixin
    ProcessCounts processes;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        processes.check(commandLine);
        SoakSettings settings;
        try {
            settings = SoakSettings.of(duration, every, sampleEvery);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        Soak soak = new Soak(settings);
        RunPlan plan = soak.plan(RunPlan.builder().scenario(soak.name()).quiet(output.quiet)).toBuilder()
                .processes(processes.producers, processes.consumers).build();
        Console console = new Console(System.out, System.err, output.quiet);
        LiveAddress.page().ifPresent(url -> console.say("  live page   %s (charts, processes, buttons)", url));
        Fault fault = soak.fault();
        try {
            RunReport result = new RunDirector(HandoffHome.locate(), console, LiveFeed.current()).run(plan, fault);
            if (output.report != null) {
                ReportWriter.write(result, output.report);
            }
            Soak.findingsOf(fault).ifPresent(found -> table(found, result, console));
            SummaryPrinter.print(result, Optional.ofNullable(output.report), console);
            return result.passed() ? ExitCodes.PASSED : ExitCodes.FAILED;
        } catch (KafkaEndpoint.UnreachableException | IllegalStateException e) {
            console.error("handoff soak: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
    }

    /** Each series' trend, the largest against its bound first in each metric. */
    private static void table(SoakFindings found, RunReport result, Console console) {
        console.say("");
        console.say("Soak trends from %.0f s to the stop at %.0f s (%s in soak.json of the run's folder):",
                found.judgedFromS(), found.stopAtS(), Console.count(found.samples().size() + found.disk().size())
                        + " samples");
        console.say("  %-13s %-30s %7s %12s %12s %12s %10s %s", "metric", "series", "samples", "first", "last",
                "per minute", "growth", "allowed");
        for (Growth.Metric metric : Growth.Metric.values()) {
            found.growths().stream().filter(g -> g.metric() == metric)
                    .sorted(Comparator.comparingDouble((Growth g) -> g.growth() / g.allowed()).reversed())
                    .forEach(g -> console.say(String.format(Locale.ROOT, "  %-13s %-30s %7d %12.1f %12.1f %+12.3f"
                                    + " %+10.1f %.1f%s%s%s", metric.label(), g.series(), g.samples(), g.first(),
                            g.last(), g.slopePerMinute(), g.growth(), g.allowed(),
                            metric.unit().isEmpty() ? "" : " " + metric.unit(),
                            !g.judged() ? "  (not judged alone: too short-lived)" : g.passed() ? "" : "  GREW",
                            g.fit() == Growth.Fit.ROUNDS ? "  (against the round before)" : "")));
        }
        console.say("  %s items in %s faults", Console.count(result.consumedUnique()), result.faults().size());
    }
}
