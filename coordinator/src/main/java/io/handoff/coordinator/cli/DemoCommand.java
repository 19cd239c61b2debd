package io.handoff.coordinator.cli;

import io.handoff.coordinator.broker.EmbeddedBroker;
import io.handoff.coordinator.demo.DemoReport;
import io.handoff.coordinator.demo.DemoSummary;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.live.LiveAddress;
import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.ReportWriter;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.run.RunDirector;
import io.handoff.coordinator.run.RunFolders;
import io.handoff.coordinator.scenario.Scenario;
import io.handoff.coordinator.scenarios.Scenarios;
import io.handoff.shared.auth.ControlKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./handoff demo}: the showcase, every scenario on one embedded broker, each one verified. */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "The showcase: starts a Kafka broker and runs, in order, a steady run, a slow consumer held back by "
                + "backpressure, a consumer killed mid-run, and a stop drained by sentinels, with live progress. "
                + "Ends with a table of every scenario's invariants. Takes under three minutes on two cores.",
            ""},
        footer = {
            "",
            "Exit codes: 0 every scenario held every invariant; 1 a scenario failed; 3 no broker or nothing built."})
public class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",",
            description = "run these scenarios instead, in this order: any of ${sys:handoff.scenarios}")
    List<String> only;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (only != null && !Scenarios.names().containsAll(only)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scenario must name some of "
                    + String.join(", ", Scenarios.names()) + ", got " + String.join(",", only));
        }
        List<Scenario> chosen = only == null ? Scenarios.demo()
                : only.stream().map(name -> Scenarios.named(name).orElseThrow()).toList();
        Console console = new Console(System.out, System.err, output.quiet);
        HandoffHome home = HandoffHome.locate();
        long started = System.nanoTime();
        try (ChildProcesses brokerProcess = new ChildProcesses()) {
            home.requireBuilt(true);
            Path dir = Files.createTempDirectory("handoff-demo-broker-");
            EmbeddedBroker.Running broker = EmbeddedBroker.start(home, brokerProcess, dir, ControlKey.forLocalRun());
            KafkaEndpoint kafka = broker.endpoint();
            console.say("Handoff demo: broker pid %d at %s, ready in %.1f s", broker.process().pid(),
                    kafka.bootstrapServers(), broker.startup().toMillis() / 1000.0);
            LiveAddress.page().ifPresent(url -> console.say("Live page: %s (charts, processes, buttons)", url));
            List<DemoReport.ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : chosen) {
                console.say("");
                console.say("== %s: %s", scenario.name(), scenario.shows());
                RunReport run = new RunDirector(home, console, LiveFeed.current()).run(
                        Scenarios.plan(scenario, Optional.of(kafka.bootstrapServers())), scenario.fault());
                results.add(new DemoReport.ScenarioResult(scenario.name(), scenario.shows(), run.passed(),
                        run.verdict(), run));
                console.say("   %s: %s", run.passed() ? "PASSED" : "FAILED", run.verdict());
            }
            DemoReport demo = new DemoReport(results.stream().allMatch(DemoReport.ScenarioResult::passed),
                    (System.nanoTime() - started) / 1_000_000, kafka.bootstrapServers(), results);
            if (output.report != null) {
                ReportWriter.write(demo, output.report);
            }
            DemoSummary.print(demo, chosen, Optional.ofNullable(output.report), console);
            brokerProcess.stopAll(java.time.Duration.ofSeconds(10));
            RunFolders.deleteTree(dir);
            return demo.passed() ? ExitCodes.PASSED : ExitCodes.FAILED;
        } catch (KafkaEndpoint.UnreachableException | IllegalStateException e) {
            console.error("handoff demo: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
    }
}
