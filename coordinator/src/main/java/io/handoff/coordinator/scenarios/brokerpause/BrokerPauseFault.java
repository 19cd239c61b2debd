package io.handoff.coordinator.scenarios.brokerpause;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;
import io.handoff.coordinator.scenario.RedoWindow;
import io.handoff.coordinator.scenario.ServicePids;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stalls the run's own broker with SIGSTOP {@code after} the start and lets it go on after {@code stall}, then waits
 * until every partition has a result finished after that. Every client request waits (their timeout is 30 s) and
 * none fails; but the consumers' session (2 s in a run) is timed by the broker, which, going on, finds their
 * heartbeats late and expires them: the group rebalances, and what was finished past the group's commits is done
 * again. Bounded as a broker kill is: the results past the commits at the stall or after it, whichever is more,
 * what the consumers had in hand at the stall and what was processed in the second before it.
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
    /** What the group may redo, measured before the stall (the broker still answers) and once all flows again. */
    private RedoWindow atStall = new RedoWindow(-1, 0, 0);
    private long uncommittedAfter = -1;
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
                    atStall = RedoWindow.measure(scene);
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
                    uncommittedAfter = scene.uncommitted();
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

    /** Members the broker expired as it went on have their partitions' uncommitted work done again. */
    @Override
    public boolean mayRepeatWork() {
        return true;
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
        checks.add(ServicePids.carriedOn(pidsBefore, pidsAfter, "before the stall and after"));
        long window = atStall.upTo(uncommittedAfter);
        long duplicated = evidence.history().duplicated();
        checks.add(new Check("duplicates within the uncommitted window", window >= 0 && duplicated <= window,
                Console.count(duplicated) + " duplicates; window " + Console.count(Math.max(0, window))
                        + " (results past the group's commits at the stall, " + Console.count(atStall.uncommitted())
                        + ", or after it, " + Console.count(uncommittedAfter) + ", whichever is more; what the"
                        + " consumers had in hand at the stall, " + Console.count(atStall.inHand())
                        + "; what was processed in the second before it, " + Console.count(atStall.lastSecond()) + ")"
                        + (atStall.known() ? "" : "; the commits could not be read at the stall")));
        return checks;
    }
}
