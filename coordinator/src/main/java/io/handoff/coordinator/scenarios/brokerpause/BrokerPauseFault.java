package io.handoff.coordinator.scenarios.brokerpause;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stalls the run's own broker with SIGSTOP {@code after} the start and lets it go on after {@code stall}, then waits
 * until every partition has a result finished after that. A stall shorter than every client timeout (requests 30 s,
 * the consumers' session 6 s, measured by the stalled broker's own clock) should cost latency and nothing else: no
 * request failed, no service restarted, nothing done twice (the verdict's own checks, as the fault says it repeats
 * no work).
 */
final class BrokerPauseFault implements Fault {

    /** Where the stall stands. */
    enum Phase {
        WAITING, STALLED, GOING_ON, DONE,
        /** There is no broker of the run's own to stall (a cluster given with --bootstrap). */
        IMPOSSIBLE
    }

    private final Duration after;
    private final Duration stall;
    private Phase phase = Phase.WAITING;
    private long startedNanos;
    private long stalledAtNanos;
    private long stalledAtMs;
    private long wentOnAtMs;
    private long pid = -1;
    private Long stalledMs;
    private Long flowingMs;
    private Map<String, Long> pidsBefore = Map.of();
    private Map<String, Long> pidsAfter = Map.of();

    BrokerPauseFault(Duration after, Duration stall) {
        this.after = after;
        this.stall = stall;
    }

    @Override
    public void started(FaultScene scene, long nowNanos) {
        startedNanos = nowNanos;
        if (scene.broker().isEmpty()) {
            phase = Phase.IMPOSSIBLE;
        }
    }

    @Override
    public void tick(FaultScene scene, long nowNanos, boolean draining) throws InterruptedException {
        switch (phase) {
            case WAITING -> {
                if (!draining && nowNanos - startedNanos >= after.toNanos()) {
                    FaultScene.BrokerControl broker = scene.broker().orElseThrow();
                    pidsBefore = scene.servicePids();
                    pid = broker.pid();
                    broker.freeze(true);
                    stalledAtNanos = nowNanos;
                    stalledAtMs = System.currentTimeMillis();
                    scene.tell(new PauseEvent.Stalled(pid, true, 0));
                    phase = Phase.STALLED;
                }
            }
            case STALLED -> {
                if (nowNanos - stalledAtNanos >= stall.toNanos()) {
                    scene.broker().orElseThrow().freeze(false);
                    wentOnAtMs = System.currentTimeMillis();
                    stalledMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - stalledAtNanos);
                    scene.tell(new PauseEvent.Stalled(pid, false, stalledMs));
                    phase = Phase.GOING_ON;
                }
            }
            case GOING_ON -> {
                if (scene.everyPartitionFlowingSince(wentOnAtMs)) {
                    flowingMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - stalledAtNanos);
                    pidsAfter = scene.servicePids();
                    scene.tell(new PauseEvent.FlowingAgain(flowingMs));
                    phase = Phase.DONE;
                }
            }
            default -> {
            }
        }
    }

    /** The stop waits until the broker has gone on and every partition flows again. */
    @Override
    public boolean pending() {
        return phase == Phase.WAITING || phase == Phase.STALLED || phase == Phase.GOING_ON;
    }

    @Override
    public List<RunReport.FaultReport> report() {
        return pid < 0 ? List.of() : List.of(new RunReport.FaultReport(BrokerPause.NAME, "broker pid " + pid, pid,
                stalledAtMs, stalledMs, flowingMs, "SIGSTOP for " + stall.toSeconds() + " s, then SIGCONT; downMs: the"
                        + " stall; recoveryMs: until every partition flowed again"));
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        if (phase == Phase.IMPOSSIBLE) {
            return List.of(new Check("broker stalled and went on", false, "this run has no broker of its own to stall:"
                    + " broker-pause starts the embedded broker itself (no --bootstrap)"));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("broker stalled and went on", flowingMs != null, pid < 0 ? "the stall never came"
                : flowingMs == null ? "stalled for " + Console.count(stalledMs == null ? 0 : stalledMs)
                        + " ms, and not every partition flowed again"
                : "pid " + pid + " stalled " + Console.count(stalledMs) + " ms; every partition flowing "
                        + Console.count(flowingMs) + " ms after the stall began"));
        boolean carriedOn = !pidsBefore.isEmpty() && pidsBefore.equals(pidsAfter);
        checks.add(new Check("services carried on", carriedOn, carriedOn
                ? "the same " + pidsBefore.size() + " producer and consumer processes before the stall and after"
                : "before " + pidsBefore + ", after " + pidsAfter));
        return checks;
    }
}
