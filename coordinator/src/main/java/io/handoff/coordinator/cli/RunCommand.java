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
import io.handoff.coordinator.scenario.Scenario;
import io.handoff.coordinator.scenario.Sizing;
import io.handoff.coordinator.scenarios.Scenarios;
import io.handoff.coordinator.scenarios.backpressure.BackpressureCheck;
import io.handoff.coordinator.scenarios.isolation.IsolationFault;
import io.handoff.shared.config.LockMode;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ./handoff run}: one verified run of the pipeline. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "Runs the pipeline once and verifies it: starts a Kafka broker (unless --bootstrap), creates the "
                + "topics, launches consumer and producer processes, waits until every item has a result, "
                + "stops them, and audits the results topic against what each producer reports it sent.",
            ""},
        footer = {
            "",
            "Exit codes: 0 every invariant held (lost = 0, ledgers conserved, clean exits); 1 a check failed "
                + "or the run was aborted; 2 wrong usage; 3 Kafka unreachable or refused the credentials, or nothing built."})
public class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The options a scenario's run still takes: how big, on which cluster, reported where. */
    private static final Set<String> WITH_SCENARIO = Set.of("--scenario", "--producers", "--consumers", "--items",
            "--stop-after", "--bootstrap", "--report", "--timeout", "--quiet", "--help", "--version");

    @Mixin
    ProcessCounts processes;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    OutputOptions output;

    @Mixin
    TimeoutOption timeoutOption;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "run a scenario as it is planned: ${sys:handoff.scenarios}; --producers, --consumers, "
                    + "--items (for steady), --stop-after, --bootstrap, --report and --timeout still apply")
    String scenario;

    @Option(names = "--items", paramLabel = "N", defaultValue = "100000",
            description = "items in TOTAL, shared evenly among the producers (not per producer); 0 with --stop-after: until stopped")
    long items;

    @Option(names = "--payload-bytes", paramLabel = "B", defaultValue = "100",
            description = "payload size of each item in bytes (0-900000)")
    int payloadBytes;

    @Option(names = "--malformed", paramLabel = "N", defaultValue = "0",
            description = "bad records to inject into the items topic; each must reach the dead-letter topic (0-100000)")
    int malformed;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "4", description = "worker threads per consumer (1-256)")
    int workers;

    @Option(names = "--generators", paramLabel = "G", defaultValue = "2", description = "generator threads per producer (1-64)")
    int generators;

    @Option(names = "--accounts", paramLabel = "A", defaultValue = "1000", description = "accounts in each consumer's ledger (2-10000000)")
    int accounts;

    @Option(names = "--lock-mode", paramLabel = "MODE", defaultValue = "ordered",
            description = "how consumers guard transfers: unsafe, ordered, trylock or naive (unsafe loses updates on purpose)")
    LockMode lockMode;

    @Option(names = "--threads", paramLabel = "KIND", defaultValue = "platform",
            description = "consumer worker threads: platform or virtual")
    ThreadKind threads;

    @Option(names = "--work", paramLabel = "SPEC", defaultValue = "none", converter = WorkConverter.class,
            description = "work per item before its transfer: none, cpu:ROUNDS or io:MICROS")
    Work work;

    @Option(names = "--hot-accounts", paramLabel = "H", defaultValue = "4",
            description = "accounts that receive half of all transfers, making locks contended (0-1000)")
    int hotAccounts;

    @Option(names = "--stop-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "send stop this long after start (and after any planned kills): producers drain and write"
                    + " sentinels, consumers finish")
    Duration stopAfter;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
            description = "items per second each producer sends at most (0 = as fast as it can)")
    int rate;

    @Option(names = "--consumer-delay-ms", paramLabel = "D", defaultValue = "0",
            description = "extra milliseconds each consumer spends per item: a slow consumer (0-10000)")
    int consumerDelayMs;

    @Option(names = "--credit-window", paramLabel = "W", defaultValue = "0",
            description = "items a producer may have sent and not yet processed; end-to-end backpressure (0 = off)")
    long creditWindow;

    @Option(names = "--kill-consumer-after-ms", paramLabel = "T",
            description = "kill -9 a random consumer T ms after start (and T ms after each recovery, with --kills)")
    Long killAfterMs;

    @Option(names = "--kills", paramLabel = "N", defaultValue = "1",
            description = "how many consumer kills, with --kill-consumer-after-ms (1-100)")
    int kills;

    @Option(names = "--restart-killed", description = "start a new process for each killed consumer")
    boolean restartKilled;

    @Option(names = "--kill-via-control",
            description = "kill with a crash command on the control topic instead of SIGKILL (as under compose)")
    boolean killViaControl;

    @Option(names = "--worker-crash-every", paramLabel = "N", defaultValue = "0",
            description = "kill a consumer worker thread on every Nth record, to show it replaced (0 = never)")
    long workerCrashEvery;

    @Option(names = "--measure-heap",
            description = "producers collect garbage before each heartbeat, so the reported heap is live data alone")
    boolean measureHeap;

    @Override
    public Integer call() throws Exception {
        RunPlan plan = validatedPlan();
        Console console = new Console(System.out, System.err, output.quiet);
        LiveAddress.page().ifPresent(url -> console.say("  live page   %s (charts, processes, buttons)", url));
        try {
            RunReport result = new RunDirector(HandoffHome.locate(), console, LiveFeed.current()).run(plan,
                    chosen().map(Scenario::fault).orElseGet(this::faults));
            if (output.report != null) {
                ReportWriter.write(result, output.report);
            }
            SummaryPrinter.print(result, Optional.ofNullable(output.report), console);
            return result.passed() ? ExitCodes.PASSED : ExitCodes.FAILED;
        } catch (KafkaEndpoint.UnreachableException | IllegalStateException e) {
            console.error("handoff run: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
    }

    private Optional<Scenario> chosen() {
        return Optional.ofNullable(scenario).flatMap(Scenarios::named);
    }

    private RunPlan validatedPlan() {
        CommandLine commandLine = spec.commandLine();
        if (scenario != null) {
            return scenarioPlan(commandLine);
        }
        processes.check(commandLine);
        cluster.check(commandLine);
        Duration timeout = timeoutOption.check(commandLine);
        OptionRange.ITEMS.check(commandLine, items);
        OptionRange.RATE.check(commandLine, rate);
        OptionRange.CONSUMER_DELAY.check(commandLine, consumerDelayMs);
        OptionRange.CREDIT_WINDOW.check(commandLine, creditWindow);
        OptionRange.KILLS.check(commandLine, kills);
        OptionRange.WORKER_CRASH_EVERY.check(commandLine, workerCrashEvery);
        if (killAfterMs != null) {
            OptionRange.KILL_AFTER.check(commandLine, killAfterMs);
        }
        if (items == 0 && stopAfter == null) {
            throw new CommandLine.ParameterException(commandLine,
                    "--items 0 (produce until stopped) needs --stop-after DURATION, e.g. --stop-after 30s");
        }
        OptionRange.PAYLOAD_BYTES.check(commandLine, payloadBytes);
        OptionRange.MALFORMED.check(commandLine, malformed);
        OptionRange.WORKERS.check(commandLine, workers);
        OptionRange.GENERATORS.check(commandLine, generators);
        OptionRange.ACCOUNTS.check(commandLine, accounts);
        OptionRange.HOT_ACCOUNTS.check(commandLine, hotAccounts);
        if (hotAccounts > accounts) {
            throw new CommandLine.ParameterException(commandLine, "--hot-accounts (" + hotAccounts
                    + ") must be at most --accounts (" + accounts + ")");
        }
        if (items > 0 && items < processes.producers) {
            throw new CommandLine.ParameterException(commandLine, "--items (" + items + ") must be at least --producers ("
                    + processes.producers + "): every producer sends at least one item");
        }
        return RunPlan.builder().processes(processes.producers, processes.consumers).items(items)
                .partitions(cluster.partitions).payloadBytes(payloadBytes).bootstrap(cluster.bootstrap)
                .report(output.report).malformed(malformed)
                .services(new RunPlan.Services(workers, generators, accounts, lockMode, threads, work, hotAccounts))
                .flow(new RunPlan.Flow(rate, consumerDelayMs, creditWindow, workerCrashEvery, measureHeap))
                .ending(new RunPlan.Ending(Optional.ofNullable(stopAfter)))
                .supervision(new RunPlan.Supervision(restartKilled, killViaControl)).timeout(timeout)
                .quiet(output.quiet).build();
    }

    /**
     * What the options ask of a run beyond its settings, as the scenarios that show it do: consumer kills at the
     * moments given (the isolation scenario's fault), and a credit window's guarantee checked (backpressure's).
     */
    private Fault faults() {
        Fault consumerKills = killAfterMs == null ? Fault.NONE
                : new IsolationFault(kills, Duration.ofMillis(killAfterMs), System.nanoTime());
        return Fault.all(List.of(consumerKills, creditWindow > 0 ? new BackpressureCheck() : Fault.NONE));
    }

    /** The scenario's own plan, with only the options that size it or say where it runs. */
    private RunPlan scenarioPlan(CommandLine commandLine) {
        Scenario chosen = chosen().orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                "--scenario must be one of " + String.join(", ", Scenarios.names()) + ", got '" + scenario + "'"));
        CommandLine.ParseResult given = commandLine.getParseResult();
        List<String> refused = given.matchedOptions().stream().map(CommandLine.Model.OptionSpec::longestName)
                .filter(name -> !WITH_SCENARIO.contains(name)).toList();
        if (!refused.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, String.join(", ", refused)
                    + " does not combine with --scenario: a scenario fixes its own settings; with it you may give "
                    + "--producers, --consumers, --items, --stop-after, --bootstrap, --report, --timeout, --quiet");
        }
        processes.check(commandLine);
        cluster.check(commandLine);
        Duration timeout = timeoutOption.check(commandLine);
        if (given.hasMatchedOption("--items")) {
            OptionRange.ITEMS.check(commandLine, items);
            if (items == 0) {
                throw new CommandLine.ParameterException(commandLine, "--items must be at least 1 with --scenario");
            }
        }
        if (cluster.bootstrap != null && chosen.reach() == Scenario.Reach.OWN_BROKER) {
            throw new CommandLine.ParameterException(commandLine, chosen.name() + " kills and restarts the broker the"
                    + " run starts itself, so it does not take --bootstrap");
        }
        Sizing sizing = new Sizing(matched(given, "--producers", processes.producers),
                matched(given, "--consumers", processes.consumers),
                matched(given, "--items", items), Optional.ofNullable(stopAfter));
        try {
            RunPlan plan = Scenarios.plan(chosen, Optional.ofNullable(cluster.bootstrap), sizing).toBuilder()
                .report(output.report).quiet(output.quiet).build();
            return given.hasMatchedOption("--timeout") ? plan.toBuilder().timeout(timeout).build() : plan;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage().replace("items applies", "--items applies")
                    .replace("seconds applies", "--stop-after applies").replace("give seconds", "give --stop-after")
                    .replace("give items", "give --items"));
        }
    }

    private static <T> Optional<T> matched(CommandLine.ParseResult given, String option, T value) {
        return given.hasMatchedOption(option) ? Optional.of(value) : Optional.empty();
    }
}
