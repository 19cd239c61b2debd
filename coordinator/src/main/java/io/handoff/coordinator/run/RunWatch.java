package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.ChangeSignal;
import io.handoff.coordinator.audit.DeadLetterCount;
import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.kafka.ControlPublisher;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.Drain;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Stop;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Follows a run from start to the last consumer's exit, tick by tick, and owns its stop policy: the stop goes
 * out when producers are done, or at {@code --stop-after} once an outage under way and the scenario's fault
 * are through; then the sentinels drain every partition. Each tick it hands the rest to the part whose job it is:
 * the {@link OutageWatch} and the {@link Fault}, the {@link ProcessWatch} (deaths), the {@link StallWatch}
 * (nothing moving), the {@link LiveView} (snapshot and buttons) and the {@link ProgressPrinter}. Aborts with
 * the reason when one of them says so, or when time runs out. Waits on the tails' {@link ChangeSignal}, never
 * on a fixed sleep.
 */
final class RunWatch {

    /** This long with nothing moving (items, results, reports, partitions finished) means the run is stuck. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final long TICK_NANOS = Duration.ofMillis(500).toNanos();
    private static final long PROGRESS_NANOS = Duration.ofSeconds(2).toNanos();
    /** How often to look for consumer agents that came up since the run began (scaling), to join them. */
    private static final long JOIN_CHECK_NANOS = Duration.ofSeconds(2).toNanos();

    private final String runId;
    private final RunPlan plan;
    private final ServiceFleet fleet;
    private final StatusBoard board;
    private final ResultAudit audit;
    private final DeadLetterCount deadLetters;
    private final ChangeSignal signal;
    private final LongSupplier itemsWritten;
    private final KafkaEndpoint kafka;
    private final OutageWatch outages;
    private final FlowMeter flow;
    private final Console console;
    private final RunEvents events;
    /** The scenario's fault, driven by the same ticks as the outage watch. */
    private final Fault fault;
    private final FaultScene scene;
    private final ProcessWatch processes;
    private final LiveView liveView;
    private long stopSentNanos = -1;
    private long stopSentAtMs;
    /** Written and not yet processed when the stop went out, and the processing rate until then. */
    private long inFlightAtStop;
    private double rateAtStop;

    RunWatch(RunSetup setup, ServiceFleet fleet, RunReaders readers, RunEvents events, OutageWatch outages,
            FlowMeter flow, RunScene scene) {
        this.runId = setup.runId();
        this.plan = setup.plan();
        this.fleet = fleet;
        this.board = readers.board();
        this.audit = readers.audit();
        this.deadLetters = readers.deadLetters();
        this.signal = readers.signal();
        this.itemsWritten = scene::itemsWritten;
        this.kafka = setup.kafka().endpoint();
        this.outages = outages;
        this.flow = flow;
        this.console = events.console();
        this.fault = setup.fault();
        this.scene = scene;
        this.events = events;
        this.processes = new ProcessWatch(fleet, board, outages);
        this.liveView = new LiveView(runId, plan, fleet, board, outages, kafka, events.live(), events);
    }

    /** Runs the run from its start until every consumer has finished; returns how the stop drained. */
    Drain watch(long startedNanos, long deadlineNanos) throws RunAbortedException, InterruptedException,
            ExecutionException {
        try (ProgressPrinter progress = new ProgressPrinter(console, plan, board, fleet)) {
            return watchUntilFinished(startedNanos, deadlineNanos, progress);
        }
    }

    private Drain watchUntilFinished(long startedNanos, long deadlineNanos, ProgressPrinter progress)
            throws RunAbortedException, InterruptedException, ExecutionException {
        fault.started(scene, startedNanos);
        StallEvidence evidence = new StallEvidence(fleet, board, events);
        StallWatch stalls = new StallWatch(STALL, startedNanos, fleet.producers().size(), fleet.consumers().size(),
                evidence::collect);
        long stopAt = plan.ending().stopAfter().map(d -> startedNanos + d.toNanos()).orElse(Long.MAX_VALUE);
        long nextTick = startedNanos;
        long nextProgress = startedNanos + PROGRESS_NANOS;
        long nextJoinCheck = startedNanos + JOIN_CHECK_NANOS;
        long written = 0;
        long lastPrinted = 0;
        while (true) {
            long now = System.nanoTime();
            Map<String, ProducerDone> producersDone = board.producersDone();
            processes.checkProducers(producersDone);
            processes.checkConsumers(now, written);
            boolean draining = stopSentNanos >= 0;
            if (now >= nextTick) {
                long asked = itemsWritten.getAsLong();
                written = asked >= 0 ? asked : written; // the broker did not answer: the last count stands
                long unique = audit.unique();
                // Sampled first: the outage watch and the fault judge their windows by the second up to now.
                flow.sample(now, written, unique, board);
                outages.tick(now, written, scene.processedInLastSecond(), draining);
                fault.tick(scene, now, draining);
                liveView.publish(now - startedNanos, now, written, unique, draining);
                draining = liveView.act(now, written, draining, this::stop);
                if (!draining && now >= nextJoinCheck) {
                    joinNewConsumers();
                    nextJoinCheck = now + JOIN_CHECK_NANOS;
                }
                stalls.observe(now, new StallWatch.Movement(written, unique, producersDone.size(),
                        board.consumersDone().size(), deadLetters.distinct(), finishedPartitions()));
                if (now >= nextProgress) {
                    progress.print(now - startedNanos, written, unique, (unique - lastPrinted) * 1e9 / PROGRESS_NANOS);
                    lastPrinted = unique;
                    nextProgress = now + PROGRESS_NANOS;
                }
                nextTick = now + TICK_NANOS;
            }
            boolean producersFinished = producersDone.size() == fleet.producers().size();
            // A stop waits for an outage under way and the fault: outages are measured while producers still produce.
            if (!draining && (producersFinished || (now >= stopAt && !outages.following() && !fault.pending()))) {
                long unique = audit.unique();
                long asked = itemsWritten.getAsLong();
                inFlightAtStop = Math.max(0, (asked >= 0 ? asked : written) - unique);
                rateAtStop = unique / Math.max(1e-3, (now - startedNanos) / 1e9);
                stop(producersFinished ? "every producer is done" : "--stop-after elapsed");
            }
            if (draining && producersFinished && processes.consumersFinished()) {
                return Drain.of(reportedMillis(), drainMillis(), inFlightAtStop, rateAtStop);
            }
            if (now > deadlineNanos) {
                throw new RunAbortedException("the run did not finish within " + plan.timeout().toSeconds()
                        + " s (--timeout): " + Console.count(audit.unique()) + " items processed");
            }
            signal.awaitChange(Duration.ofMillis(250));
        }
    }

    /** Consumer agents that came up mid-run get a consumer of this run: scaling relieves the run it reacts to. */
    private void joinNewConsumers() {
        try {
            for (ServiceProcess joined : fleet.joinConsumers()) {
                events.tell(new RunEvent.Joined(joined.name(), joined.pid()));
            }
        } catch (IllegalStateException e) {
            // The newcomer did not start its consumer: the run goes on with the consumers it has.
            events.tell(new RunEvent.JoinFailed(e.getMessage()));
        }
    }

    private void stop(String why) throws ExecutionException, InterruptedException {
        stopSentNanos = System.nanoTime();
        flow.stopped(stopSentNanos);
        stopSentAtMs = System.currentTimeMillis();
        ControlPublisher.send(kafka, new Stop(runId, ControlCommand.EVERYONE, System.currentTimeMillis()));
        events.tell(new RunEvent.StopSent(why));
        fault.stopSent(scene, stopSentNanos);
    }

    /** Stop to the last consumer's done report, by the reports' own clocks (this machine's, or the platform's). */
    private long reportedMillis() {
        long lastDone = board.consumersDone().values().stream().mapToLong(ConsumerDone::atMs).max().orElse(stopSentAtMs);
        return Math.max(0, lastDone - stopSentAtMs);
    }

    private long drainMillis() {
        long lastExit = fleet.consumers().stream().mapToLong(ServiceProcess::exitedNanos).max().orElse(stopSentNanos);
        return Math.max(0, (lastExit - stopSentNanos) / 1_000_000);
    }

    private int finishedPartitions() {
        return board.consumerProgress().values().stream().mapToInt(c -> c.finished().size()).sum();
    }
}
