package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.ChangeSignal;
import io.handoff.coordinator.audit.DeadLetterCount;
import io.handoff.coordinator.audit.ItemTally;
import io.handoff.coordinator.audit.MalformedInjector;
import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.broker.EmbeddedBroker;
import io.handoff.coordinator.kafka.ControlPublisher;
import io.handoff.coordinator.kafka.GroupReadiness;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.kafka.StartOffsets;
import io.handoff.coordinator.kafka.TopicLayout;
import io.handoff.coordinator.kafka.TopicSetup;
import io.handoff.coordinator.kafka.TopicTail;
import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.Drain;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Start;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import io.handoff.shared.auth.ControlKey;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Runs one pipeline from start to verdict: broker, topics, consumers, producers, start, drain by sentinels,
 * audit. Every process it starts is stopped before it returns, whatever happens on the way.
 */
public final class RunDirector {

    /** How long a --bootstrap cluster has to answer: the user is told within seconds, not a minute. */
    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONSUMERS_READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final HandoffHome home;
    private final Console console;
    private final ServicePlatform platform;
    /** Seals this run's commands; whoever starts the services must give them the same key. */
    private final ControlKey controlKey;
    /** The live page's feed: the front end gives the application's, or one nobody reads. */
    private final LiveFeed live;

    /**
     * A director that runs services as child JVMs of this process, with the configured control key or, as no
     * one else needs to share it, a fresh one.
     */
    public RunDirector(HandoffHome home, Console console, LiveFeed live) {
        this(home, console, live, ServicePlatform.children(home), ControlKey.forLocalRun());
    }

    public RunDirector(HandoffHome home, Console console, LiveFeed live, ServicePlatform platform,
            ControlKey controlKey) {
        this.controlKey = controlKey;
        this.live = live;
        this.home = home;
        this.console = console;
        this.platform = platform;
    }

    public RunReport run(RunPlan plan) throws KafkaEndpoint.UnreachableException, ExecutionException,
            InterruptedException, IOException {
        return run(plan, Fault.NONE);
    }

    /** Runs the plan with a scenario's fault, which the run drives by its ticks. */
    public RunReport run(RunPlan plan, Fault fault) throws KafkaEndpoint.UnreachableException, ExecutionException,
            InterruptedException, IOException {
        if (platform.runsHere()) {
            home.requireBuilt(plan.bootstrap().isEmpty());
        }
        Optional<KafkaEndpoint> given = plan.bootstrap().map(bootstrap -> new KafkaEndpoint(bootstrap, controlKey));
        if (given.isPresent()) {
            given.get().awaitReachable(BOOTSTRAP_TIMEOUT, () -> true); // before anything is started or written
        }
        String runId = RunIds.next();
        Path runDir = RunFolders.create(home.runsDir(), runId);
        long started = System.nanoTime();
        console.say("Handoff run %s: %d producer(s) -> %d partition(s) -> %d consumer(s), %s items of %d B payload",
                runId, plan.producers(), plan.partitions(), plan.consumers(), Console.count(plan.items()),
                plan.shape().payloadBytes());
        try (RunFolders.Claim claim = RunFolders.claim(runDir); ChildProcesses processes = new ChildProcesses()) {
            Optional<RunBroker> broker = Optional.empty();
            KafkaEndpoint kafka;
            if (given.isPresent()) {
                kafka = given.get();
                console.say("  kafka       %s (--bootstrap)", kafka.bootstrapServers());
            } else {
                EmbeddedBroker.Running running = EmbeddedBroker.start(home, processes, runDir, controlKey,
                        plan.retention().isEmpty() ? Map.of() : BROKER_RETENTION);
                broker = Optional.of(new RunBroker(running, processes, runDir));
                kafka = running.endpoint();
                console.say("  broker      pid %-7d %s, ready in %.1f s", running.process().pid(),
                        kafka.bootstrapServers(), running.startup().toMillis() / 1000.0);
            }
            try (Admin admin = kafka.admin()) {
                TopicLayout layout = TopicSetup.ensure(admin, plan.partitions(),
                        plan.retention().map(RunDirector::retentionSettings).orElse(Map.of()));
                layout.notes().forEach(note -> console.say("  topics      %s", note));
                Map<TopicPartition, Long> start = StartOffsets.endOf(admin,
                        List.of(Topics.ITEMS, Topics.RESULTS, Topics.STATUS, Topics.ITEMS_DLQ));
                StartOffsets.commitForGroup(admin, RunIds.consumerGroup(runId), StartOffsets.of(Topics.ITEMS, start));
                return execute(new RunSetup(runId, plan, fault, new RunKafka(kafka, admin, layout, start, broker),
                        processes, runDir), started);
            }
        } finally {
            RunFolders.deleteBrokerData(runDir);
        }
    }

    /**
     * The broker's side of a retention: check every second (Kafka: every five minutes), from a second after a
     * start (Kafka: 30 s, in which a restarted broker deletes nothing and its disk grows by half a minute's data).
     */
    private static final Map<String, String> BROKER_RETENTION = Map.of("log.retention.check.interval.ms", "1000",
            "log.initial.task.delay.ms", "1000");

    /**
     * The settings that keep the data topics ({@code items}, {@code results}) to {@code retention}: small segments,
     * so that whole ones age out, deleted a second after (Kafka: a minute). Control and status keep everything: a consumer started late must still read the run's start.
     */
    static Map<String, String> retentionSettings(Duration retention) {
        return Map.of("retention.ms", Long.toString(retention.toMillis()),
                "segment.bytes", Integer.toString(4 << 20),
                // Each segment's indexes are files of this size from the start (Kafka: 10 MiB): small segments
                // need little index, and the disk a soak measures is then mostly records.
                "segment.index.bytes", Integer.toString(1 << 20),
                "file.delete.delay.ms", "1000");
    }

    private RunReport execute(RunSetup setup, long started) throws InterruptedException {
        live.reset();
        live.scenario(setup.plan().scenario());
        // What the page's event log shows (kills, recoveries, stops, joins, the buttons' effects) is told as
        // typed events, to the console and the page alike.
        RunEvents events = new RunEvents(console, live);
        ChangeSignal signal = new ChangeSignal();
        StatusBoard board = new StatusBoard(setup.runId());
        ResultAudit audit = new ResultAudit(setup.runId(), StartOffsets.of(Topics.ITEMS, setup.kafka().start()));
        DeadLetterCount deadLetters = new DeadLetterCount();
        ItemTally tally = setup.plan().auditItems() ? new ItemTally(setup.runId()) : null;
        try (TopicTail statusTail = tail("status-tail", setup, Topics.STATUS, board::accept, signal);
             TopicTail resultsTail = tail("results-tail", setup, Topics.RESULTS, audit::accept, signal);
             TopicTail deadTail = tail("dead-letter-tail", setup, Topics.ITEMS_DLQ, deadLetters::accept, signal);
             // Only where a producer may die unreported: what Kafka acknowledged is then read off items.
             TopicTail itemsTail = tally == null ? null : tail("items-tail", setup, Topics.ITEMS, tally::accept, signal)) {
            RunReaders readers = new RunReaders(board, audit, deadLetters, tally, itemsTail, signal);
            ServiceSettings settings = new ServiceSettings(setup.runId(), setup.kafka().endpoint().bootstrapServers(),
                    setup.plan(), Math.max(2_000, KafkaEndpoint.minSessionTimeoutMs(setup.kafka().admin())));
            ServiceLauncher launcher = platform.launcher(settings, setup.kafka().endpoint(), setup.processes(),
                    setup.runDir());
            try {
                ServiceFleet fleet = new ServiceFleet(launcher, setup.plan().producers(), setup.plan().consumers());
                fleet.consumers().forEach(c -> console.say("  %-11s pid %-7d log %s", c.name(), c.pid(), c.logLocation()));
                fleet.producers().forEach(p -> console.say("  %-11s pid %-7d log %s", p.name(), p.pid(), p.logLocation()));
                OutageWatch outages = new OutageWatch(setup.plan().supervision(),
                        (double) setup.plan().flow().ratePerSecond() * setup.plan().producers(), fleet, board, audit,
                        setup.kafka().admin(), setup.runId(), events);
                FlowMeter flow = new FlowMeter();

                Optional<String> abort = Optional.empty();
                Drain drain = Drain.NONE;
                try {
                    awaitConsumersReady(setup, fleet.consumers(), signal);
                    if (setup.plan().malformed() > 0) {
                        // Before start, so they precede every sentinel: what follows a partition's sentinels is
                        // left alone by consumers, and these must reach the dead-letter topic.
                        deadLetters.expect(MalformedInjector.inject(setup.kafka().endpoint(), setup.runId(),
                                setup.plan().malformed(), setup.kafka().layout().partitions()));
                        console.say("  injected    %d malformed records into %s", setup.plan().malformed(), Topics.ITEMS);
                    }
                    long startedWork = System.nanoTime();
                    ControlPublisher.send(setup.kafka().endpoint(), new Start(setup.runId(), ControlCommand.EVERYONE,
                            System.currentTimeMillis(), fleet.producerIds()));
                    audit.steadyFrom(System.currentTimeMillis() + ResultAudit.WARM_UP_MS);
                    RunScene scene = new RunScene(setup, settings, fleet, readers, events, flow, outages);
                    drain = new RunWatch(setup, fleet, readers, events, outages, flow, scene)
                            .watch(startedWork, started + setup.plan().timeout().toNanos());
                    awaitExits(fleet.producers());
                    if (itemsTail == null) {
                        awaitTails(setup, signal, List.of(Topics.RESULTS, Topics.ITEMS_DLQ), resultsTail, deadTail);
                    } else {
                        awaitTails(setup, signal, List.of(Topics.RESULTS, Topics.ITEMS_DLQ, Topics.ITEMS), resultsTail,
                                deadTail, itemsTail);
                    }
                } catch (RunAbortedException | ExecutionException e) {
                    abort = Optional.of(e.getMessage());
                    console.error("handoff run: aborted: %s", e.getMessage());
                }
                launcher.stopAll(Duration.ofSeconds(10));
                setup.processes().stopAll(Duration.ofSeconds(10));
                long durationMs = (System.nanoTime() - started) / 1_000_000;
                RunReport report = Verdict.judge(observed(setup, fleet, readers,
                        new RunObservations.Course(flow.report(setup.plan().flow()), outages.outages(),
                                flow.joins(fleet.joined()), setup.fault()),
                        new RunObservations.End(durationMs, drain, abort)));
                live.finished(report.passed(), report.verdict());
                return report;
            } finally {
                launcher.stopAll(Duration.ofSeconds(10)); // whichever way out: nothing it started outlives the run
            }
        }
    }

    /** What the run observed, as values: the live objects are read once, here, when it is over. */
    private static RunObservations observed(RunSetup setup, ServiceFleet fleet, RunReaders readers,
            RunObservations.Course course, RunObservations.End end) {
        Map<String, ProducerDone> producersDone = readers.board().producersDone();
        ItemTally tally = readers.tally();
        // What Kafka acknowledged: read off items where a producer may have died unreported; else what each
        // producer reports, from its first sequence number on.
        Map<String, BitSet> expected = tally != null ? tally.acknowledged() : new HashMap<>();
        if (tally == null) {
            producersDone.values().forEach(done -> {
                BitSet seqs = new BitSet();
                seqs.set(Math.toIntExact(done.firstSeq()), Math.toIntExact(done.firstSeq() + done.sent()));
                expected.put(done.instanceId(), seqs);
            });
        }
        long acknowledged = expected.values().stream().mapToLong(BitSet::cardinality).sum();
        RunKafka kafka = setup.kafka();
        return new RunObservations(
                new RunObservations.Where(setup.runId(), setup.plan(), kafka.endpoint().bootstrapServers(),
                        kafka.layout(), kafka.broker().map(RunBroker::process)
                                .map(b -> new RunReport.ProcessReport(b.name(), b.pid(), b.exitCode().orElse(null))),
                        setup.runDir()),
                new RunObservations.Processes(facts(fleet.producers(), fleet), facts(fleet.consumers(), fleet),
                        facts(fleet.history(), fleet)),
                new RunObservations.Reports(producersDone, readers.board().consumersDone(),
                        readers.board().unreadable()),
                new RunObservations.Results(acknowledged, readers.audit().figuresExpecting(expected),
                        readers.deadLetters().figures()),
                course, end);
    }

    private static List<ProcessFacts> facts(List<ServiceProcess> processes, ServiceFleet fleet) {
        return processes.stream().map(p -> ProcessFacts.of(p, fleet)).toList();
    }

    private static TopicTail tail(String name, RunSetup setup, String topic,
            java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> handler,
            ChangeSignal signal) {
        return new TopicTail(name, setup.kafka().endpoint(), StartOffsets.of(topic, setup.kafka().start()), handler,
                signal::pulse);
    }

    /** Waits until every consumer has joined the run's group and the partitions are all held. */
    private void awaitConsumersReady(RunSetup setup, List<ServiceProcess> consumers, ChangeSignal signal)
            throws ExecutionException, InterruptedException, RunAbortedException {
        long started = System.nanoTime();
        long deadline = started + CONSUMERS_READY_TIMEOUT.toNanos();
        GroupReadiness.Readiness readiness;
        while (!(readiness = GroupReadiness.check(setup.kafka().admin(), RunIds.consumerGroup(setup.runId()),
                consumers.size(), Topics.ITEMS, setup.kafka().layout().partitions())).ready()) {
            for (ServiceProcess consumer : consumers) {
                if (!consumer.isAlive()) {
                    throw new RunAbortedException(consumer.name() + " exited with code "
                            + consumer.exitCode().orElse(-1) + " while starting; see " + consumer.logLocation()
                            + ": " + consumer.failureHint());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new RunAbortedException("consumers not ready after " + CONSUMERS_READY_TIMEOUT.toSeconds()
                        + " s: " + readiness.state());
            }
            signal.awaitChange(Duration.ofMillis(250));
        }
        console.say("  consumers   ready in %.1f s (%s); producers start", (System.nanoTime() - started) / 1e9,
                readiness.state());
    }

    /** Producers exit by themselves once they have reported done; a stop that kills them would not be clean. */
    private static void awaitExits(List<ServiceProcess> producers) throws InterruptedException, RunAbortedException {
        for (ServiceProcess producer : producers) {
            if (producer.awaitExit(EXIT_TIMEOUT).isEmpty()) {
                throw new RunAbortedException(producer.name() + " did not exit within " + EXIT_TIMEOUT.toSeconds()
                        + " s of reporting done");
            }
        }
    }

    /** Waits until the tails have read everything written so far, so the audit sees every result. */
    private static void awaitTails(RunSetup setup, ChangeSignal signal, List<String> topics, TopicTail... tails)
            throws ExecutionException, InterruptedException, RunAbortedException {
        Map<TopicPartition, Long> ends = StartOffsets.endOf(setup.kafka().admin(), topics);
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        for (TopicTail tail : tails) {
            while (!tail.hasReached(ends)) {
                if (System.nanoTime() > deadline || !tail.isRunning()) {
                    throw new RunAbortedException("could not read " + String.join(", ", topics) + " to their end");
                }
                signal.awaitChange(Duration.ofMillis(200));
            }
        }
    }
}
