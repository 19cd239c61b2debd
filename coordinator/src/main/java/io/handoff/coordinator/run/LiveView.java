package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.kafka.ControlPublisher;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.live.LiveSnapshot;
import io.handoff.coordinator.live.ProcessConcurrency;
import io.handoff.coordinator.live.ProcessState;
import io.handoff.coordinator.live.RunPhase;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.message.ConsumerProgress;
import io.handoff.shared.message.ProducerProgress;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Mode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * The live page's side of a run: a snapshot each tick (rates since the last one, queues, credits, processes,
 * events), and what its buttons asked for since (stop, kill a consumer, slow the consumers down and back).
 */
final class LiveView {

    /** How the run stops when the page's stop button asks. */
    interface Stopper {
        void stop(String why) throws ExecutionException, InterruptedException;
    }

    private final String runId;
    private final RunPlan plan;
    private final ServiceFleet fleet;
    private final StatusBoard board;
    private final OutageWatch outages;
    private final KafkaEndpoint kafka;
    private final LiveFeed live;
    private final RunEvents events;
    private final ConcurrencyWindows windows = new ConcurrencyWindows();
    /** The previous snapshot's time and counts, for its rates. */
    private long lastNanos;
    private long lastWritten;
    private long lastProcessed;

    LiveView(String runId, RunPlan plan, ServiceFleet fleet, StatusBoard board, OutageWatch outages,
            KafkaEndpoint kafka, LiveFeed live, RunEvents events) {
        this.runId = runId;
        this.plan = plan;
        this.fleet = fleet;
        this.board = board;
        this.outages = outages;
        this.kafka = kafka;
        this.live = live;
        this.events = events;
    }

    void publish(long elapsedNanos, long now, long written, long unique, boolean draining) {
        double seconds = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
        double producedPerSec = seconds > 0 ? (written - lastWritten) / seconds : 0;
        double consumedPerSec = seconds > 0 ? (unique - lastProcessed) / seconds : 0;
        lastNanos = now;
        lastWritten = written;
        lastProcessed = unique;
        Map<String, ProducerProgress> producers = board.producerProgress();
        Map<String, ConsumerProgress> consumers = board.consumerProgress();
        List<LiveSnapshot.Process> processes = new ArrayList<>();
        for (ServiceProcess process : fleet.history()) {
            processes.add(new LiveSnapshot.Process(process.name(), ServiceSettings.isProducer(process.name()) ? "producer"
                    : "consumer", process.pid(), process.isAlive() ? ProcessState.RUNNING : fleet.wasKilled(process)
                    ? ProcessState.KILLED : ProcessState.EXITED, process.exitCode().orElse(null)));
        }
        // Processes running now: the last heartbeat of a killed one stays on the board, but not in the view.
        java.util.Set<String> alive = new java.util.HashSet<>();
        processes.stream().filter(p -> p.state() == ProcessState.RUNNING).forEach(p -> alive.add(p.name()));
        List<ProcessConcurrency> concurrency = new ArrayList<>();
        producers.forEach((name, p) -> add(concurrency, alive.contains(name) ? windows.of(name, "producer",
                p.concurrency(), p.queueDepth(), p.inFlight()) : null));
        consumers.forEach((name, c) -> add(concurrency, alive.contains(name) ? windows.of(name, "consumer",
                c.concurrency(), c.queueDepth(), c.outstanding()) : null));
        concurrency.sort(java.util.Comparator.comparing(ProcessConcurrency::name));
        live.publish(new LiveSnapshot(runId, live.scenario(), draining ? RunPhase.DRAINING : RunPhase.RUNNING, "",
                elapsedNanos / 1e9, written, unique, Math.max(0, producedPerSec), Math.max(0, consumedPerSec),
                Math.max(0, written - unique),
                producers.values().stream().mapToInt(ProducerProgress::queueDepth).sum(),
                consumers.values().stream().mapToInt(ConsumerProgress::queueDepth).sum(),
                consumers.values().stream().mapToInt(ConsumerProgress::pausedPartitions).sum(),
                // The most any one producer has out, as the credit window bounds each producer's.
                producers.values().stream().mapToLong(ProducerProgress::unprocessed).max().orElse(0),
                plan.flow().creditWindow(), processes, live.events(), concurrency));
    }

    private static void add(List<ProcessConcurrency> view, ProcessConcurrency process) {
        if (process != null) {
            view.add(process);
        }
    }

    /** Carries out what the page's buttons asked for since the last tick; returns whether the run is draining. */
    boolean act(long now, long written, boolean draining, Stopper stopper)
            throws ExecutionException, InterruptedException {
        Optional<LiveFeed.Action> action;
        while ((action = live.nextRequest()).isPresent()) {
            switch (action.get()) {
                case STOP -> {
                    if (!draining) {
                        stopper.stop("asked on the live page");
                        draining = true;
                    }
                }
                case KILL_CONSUMER -> {
                    if (draining || !outages.killOne(now, true)) {
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
}
