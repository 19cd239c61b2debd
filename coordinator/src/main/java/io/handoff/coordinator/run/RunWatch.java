package io.handoff.coordinator.run;

import io.handoff.coordinator.report.Drain;
import io.handoff.coordinator.audit.ChangeSignal;
import io.handoff.coordinator.audit.DeadLetterCount;
import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.kafka.ControlPublisher;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.live.LiveSnapshot;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.TerminalProgress;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.ConsumerProgress;
import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.ProducerProgress;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Mode;
import io.handoff.shared.message.control.Stop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Follows a run from start to the last consumer's exit. It sends the stop (when producers are done, or at
 * {@code --stop-after}), lets the sentinels drain every partition, survives consumer deaths (measured by the
 * {@link IsolationDrill}), and aborts with the reason when a producer dies, every consumer is gone, nothing
 * moves for a minute, or time runs out. Waits on the watchers' {@link ChangeSignal}, never on a fixed sleep.
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
    private final IsolationDrill drill;
    private final FlowMeter flow;
    private final Console console;
    private final RunEvents events;
    private final LiveFeed live;
    /** The scenario's fault, driven by the same ticks as the drill. */
    private final Fault fault;
    private final FaultScene scene;
    private final Set<ServiceProcess> deathsSeen = new HashSet<>();
    /** The previous live snapshot's time and counts, for its rates. */
    private long lastLiveNanos;
    private long lastLiveWritten;
    private long lastLiveProcessed;
    private long stopSentNanos = -1;
    private long stopSentAtMs;
    /** Written and not yet processed when the stop went out, and the processing rate until then. */
    private long inFlightAtStop;
    private double rateAtStop;
    /** The progress bar on an interactive terminal; null where progress goes out as lines. */
    private TerminalProgress bar;

    RunWatch(String runId, RunPlan plan, ServiceFleet fleet, StatusBoard board, ResultAudit audit,
            DeadLetterCount deadLetters, ChangeSignal signal, LongSupplier itemsWritten, KafkaEndpoint kafka,
            IsolationDrill drill, FlowMeter flow, Console console, LiveFeed live, Fault fault, FaultScene scene) {
        this.fault = fault;
        this.scene = scene;
        this.runId = runId;
        this.plan = plan;
        this.fleet = fleet;
        this.board = board;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.signal = signal;
        this.itemsWritten = itemsWritten;
        this.kafka = kafka;
        this.drill = drill;
        this.flow = flow;
        this.console = console;
        this.events = new RunEvents(console, live);
        this.live = live;
    }

    /** Runs the run from its start until every consumer has finished; returns how the stop drained. */
    Drain watch(long startedNanos, long deadlineNanos) throws RunAbortedException, InterruptedException,
            ExecutionException {
        if (console.interactive()) {
            bar = new TerminalProgress(System.out, plan.items());
            console.lastLine(bar);
        }
        try {
            return watchUntilFinished(startedNanos, deadlineNanos);
        } finally {
            if (bar != null) {
                console.lastLine(null);
                bar.close();
            }
        }
    }

    private Drain watchUntilFinished(long startedNanos, long deadlineNanos) throws RunAbortedException,
            InterruptedException, ExecutionException {
        drill.started(startedNanos);
        long stopAt = plan.ending().stopAfter().map(d -> startedNanos + d.toNanos()).orElse(Long.MAX_VALUE);
        long nextTick = startedNanos;
        long nextProgress = startedNanos + PROGRESS_NANOS;
        long nextJoinCheck = startedNanos + JOIN_CHECK_NANOS;
        String lastMovement = "";
        long lastMoved = startedNanos;
        long written = 0;
        long lastPrinted = 0;
        while (true) {
            long now = System.nanoTime();
            Map<String, ProducerDone> producersDone = board.producersDone();
            checkProducers(producersDone);
            checkConsumers(now, written);
            boolean draining = stopSentNanos >= 0;
            if (now >= nextTick) {
                long asked = itemsWritten.getAsLong();
                written = asked >= 0 ? asked : written; // the broker did not answer: the last count stands
                long unique = audit.unique();
                drill.tick(now, written, draining);
                fault.tick(scene, now, draining);
                flow.sample(now, written, unique, board);
                publishLive(now - startedNanos, now, written, unique, draining);
                draining = act(now, written, draining);
                if (!draining && now >= nextJoinCheck) {
                    joinNewConsumers();
                    nextJoinCheck = now + JOIN_CHECK_NANOS;
                }
                String movement = written + "/" + unique + "/" + producersDone.size() + "/"
                        + board.consumersDone().size() + "/" + deadLetters.distinct() + "/" + finishedPartitions();
                if (!movement.equals(lastMovement)) {
                    lastMovement = movement;
                    lastMoved = now;
                } else if (now - lastMoved > STALL.toNanos()) {
                    throw new RunAbortedException("nothing moved for " + STALL.toSeconds() + " s: "
                            + Console.count(written) + " items written, " + Console.count(unique) + " processed, "
                            + producersDone.size() + " of " + fleet.producers().size() + " producers done, "
                            + board.consumersDone().size() + " of " + fleet.consumers().size() + " consumers done");
                }
                if (now >= nextProgress) {
                    progress(now - startedNanos, written, unique, unique - lastPrinted);
                    lastPrinted = unique;
                    nextProgress = now + PROGRESS_NANOS;
                }
                nextTick = now + TICK_NANOS;
            }
            boolean producersFinished = producersDone.size() == fleet.producers().size();
            // A stop waits for the planned kills and the fault: outages are measured while producers still produce.
            if (!draining && (producersFinished || (now >= stopAt && !drill.killsPending() && !fault.pending()))) {
                long unique = audit.unique();
                long asked = itemsWritten.getAsLong();
                inFlightAtStop = Math.max(0, (asked >= 0 ? asked : written) - unique);
                rateAtStop = unique / Math.max(1e-3, (now - startedNanos) / 1e9);
                stop(producersFinished ? "every producer is done" : "--stop-after elapsed");
            }
            if (draining && producersFinished && consumersFinished()) {
                return Drain.of(reportedMillis(), drainMillis(), inFlightAtStop, rateAtStop);
            }
            if (now > deadlineNanos) {
                throw new RunAbortedException("the run did not finish within " + plan.timeout().toSeconds()
                        + " s (--timeout): " + Console.count(audit.unique()) + " items processed");
            }
            signal.awaitChange(Duration.ofMillis(250));
        }
    }

    /** Carries out what the live page's buttons asked for since the last tick; returns whether draining. */
    private boolean act(long now, long written, boolean draining) throws ExecutionException, InterruptedException {
        Optional<LiveFeed.Action> action;
        while ((action = live.nextRequest()).isPresent()) {
            switch (action.get()) {
                case STOP -> {
                    if (!draining) {
                        stop("asked on the live page");
                        draining = true;
                    }
                }
                case KILL_CONSUMER -> {
                    if (draining || !drill.killOnRequest(now, written)) {
                        events.tell(new RunEvent.NothingToKill());
                    }
                }
                case SLOW_CONSUMERS -> mode(20);
                case NORMAL_SPEED -> mode(0);
            }
        }
        return draining;
    }

    private void mode(int delayMs) throws ExecutionException, InterruptedException {
        ControlPublisher.send(kafka, new Mode(runId, ControlCommand.EVERYONE, System.currentTimeMillis(), delayMs));
        events.tell(new RunEvent.ConsumerDelay(delayMs));
    }

    private void publishLive(long elapsed, long now, long written, long unique, boolean draining) {
        double seconds = lastLiveNanos == 0 ? 0 : (now - lastLiveNanos) / 1e9;
        double producedPerSec = seconds > 0 ? (written - lastLiveWritten) / seconds : 0;
        double consumedPerSec = seconds > 0 ? (unique - lastLiveProcessed) / seconds : 0;
        lastLiveNanos = now;
        lastLiveWritten = written;
        lastLiveProcessed = unique;
        Map<String, ProducerProgress> producers = board.producerProgress();
        Map<String, ConsumerProgress> consumers = board.consumerProgress();
        List<LiveSnapshot.Process> processes = new ArrayList<>();
        for (ServiceProcess process : fleet.history()) {
            processes.add(new LiveSnapshot.Process(process.name(), ServiceSettings.isProducer(process.name()) ? "producer"
                    : "consumer", process.pid(), process.isAlive() ? "running" : fleet.wasKilled(process) ? "killed"
                    : "exited", process.exitCode().orElse(null)));
        }
        live.publish(new LiveSnapshot(runId, live.scenario(), draining ? "draining" : "running", "", elapsed / 1e9,
                written, unique, Math.max(0, producedPerSec), Math.max(0, consumedPerSec), Math.max(0, written - unique),
                producers.values().stream().mapToInt(ProducerProgress::queueDepth).sum(),
                consumers.values().stream().mapToInt(ConsumerProgress::queueDepth).sum(),
                consumers.values().stream().mapToInt(ConsumerProgress::pausedPartitions).sum(),
                // The most any one producer has out, as the credit window bounds each producer's.
                producers.values().stream().mapToLong(ProducerProgress::unprocessed).max().orElse(0),
                plan.flow().creditWindow(),
                processes, live.events()));
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

    private void checkProducers(Map<String, ProducerDone> done) throws RunAbortedException {
        for (ServiceProcess producer : fleet.producers()) {
            if (!producer.isAlive() && (producer.exitCode().orElse(0) != 0 || !done.containsKey(producer.name()))) {
                throw new RunAbortedException(producer.name() + " (pid " + producer.pid() + ") exited with code "
                        + producer.exitCode().orElse(-1) + " before reporting done; see " + producer.logLocation() + ": "
                        + producer.failureHint());
            }
        }
    }

    /** Notes consumers that died without finishing; aborts only when none is left to carry on. */
    private void checkConsumers(long now, long written) throws RunAbortedException, InterruptedException,
            ExecutionException {
        Map<String, ConsumerDone> done = board.consumersDone();
        for (ServiceProcess consumer : fleet.consumers()) {
            if (!consumer.isAlive() && !finishedNormally(consumer, done) && deathsSeen.add(consumer)
                    && !fleet.wasKilled(consumer)) {
                drill.died(consumer, now, written);
            }
        }
        if (fleet.liveConsumers().isEmpty() && !consumersFinished()) {
            throw new RunAbortedException("every consumer process is gone and not every partition is finished;"
                    + " restart them with --restart-killed, or run more consumers");
        }
    }

    private static boolean finishedNormally(ServiceProcess consumer, Map<String, ConsumerDone> done) {
        return done.containsKey(consumer.name()) && consumer.exitCode().orElse(-1) == 0;
    }

    /** Every consumer's current process has reported done and exited, or died and was not replaced. */
    private boolean consumersFinished() {
        Map<String, ConsumerDone> done = board.consumersDone();
        return fleet.consumers().stream().noneMatch(ServiceProcess::isAlive)
                && fleet.consumers().stream().anyMatch(c -> finishedNormally(c, done));
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

    private void progress(long elapsed, long written, long unique, long sinceLast) {
        Map<String, ProducerProgress> producers = board.producerProgress();
        Map<String, ConsumerProgress> consumers = board.consumerProgress();
        long unprocessed = producers.values().stream().mapToLong(ProducerProgress::unprocessed).max().orElse(0);
        int producerQueue = producers.values().stream().mapToInt(ProducerProgress::queueDepth).sum();
        int consumerQueue = consumers.values().stream().mapToInt(ConsumerProgress::queueDepth).sum();
        int paused = consumers.values().stream().mapToInt(ConsumerProgress::pausedPartitions).sum();
        if (bar != null) {
            bar.update(unique, String.format(java.util.Locale.ROOT, " · lag %s · queues %d/%d · paused %d%s · consumers %d/%d",
                    Console.count(Math.max(0, written - unique)), producerQueue, consumerQueue, paused,
                    plan.flow().creditWindow() > 0 ? " · credits " + unprocessed + "/" + plan.flow().creditWindow() : "",
                    fleet.liveConsumers().size(), fleet.consumers().size()));
            return;
        }
        console.say("  %6.1f s  written %s  processed %s (%s/s)  lag %s  queues %d/%d  paused %d%s  consumers %d/%d",
                elapsed / 1e9, Console.count(written), Console.count(unique),
                Console.count(sinceLast * 1_000_000_000L / PROGRESS_NANOS), Console.count(Math.max(0, written - unique)),
                producerQueue, consumerQueue, paused,
                plan.flow().creditWindow() > 0 ? "  credits " + unprocessed + "/" + plan.flow().creditWindow() : "",
                fleet.liveConsumers().size(), fleet.consumers().size());
    }
}
