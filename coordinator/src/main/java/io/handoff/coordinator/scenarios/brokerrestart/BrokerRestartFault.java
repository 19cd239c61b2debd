package io.handoff.coordinator.scenarios.brokerrestart;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.BrokerBounce;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;
import io.handoff.coordinator.scenario.ServicePids;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kills the run's broker with kill -9 once mid-run and once just after the stop, and starts it again on the same
 * data and port after a pause each time. Measures how long it was gone and how long until every partition flowed
 * again, and bounds the work done twice by what the group had not committed.
 */
final class BrokerRestartFault implements Fault {

    /**
     * When it strikes.
     *
     * @param killAfter the mid-run kill, this long after the start
     * @param down      how long the broker stays dead before it is started again
     */
    record Timing(Duration killAfter, Duration down) {
        static final Timing SCENARIO = new Timing(Duration.ofSeconds(4), Duration.ofSeconds(3));
    }

    /** Where the fault stands. */
    enum Phase {
        /** Mid-run kill not yet due. */
        WAITING,
        /** Broker dead mid-run. */
        DOWN,
        /** Broker back; waiting for every partition to flow. */
        RECOVERING,
        /** Recovered; the drain kill comes with the stop. */
        AWAITING_STOP,
        /** Broker dead during the drain. */
        DRAIN_DOWN,
        /** Both kills done and the broker back. */
        DONE,
        /** There is no broker of the run's own to kill (a cluster given with --bootstrap). */
        IMPOSSIBLE
    }

    /** One kill, as it goes: the bounce, and what was uncommitted once it had recovered. */
    private static final class Kill {
        final BrokerBounce bounce;
        long uncommittedAfter = -1;
        /** What the consumers reported read past their commits at recovery. */
        long reportedAfter = -1;

        Kill(BrokerBounce bounce) {
            this.bounce = bounce;
        }
    }

    private final Timing timing;
    private final List<Kill> kills = new ArrayList<>();
    private Phase phase = Phase.WAITING;
    private long startedNanos;
    private long restartDueNanos;
    private Map<String, Long> pidsBefore = Map.of();
    private Map<String, Long> pidsAfter = Map.of();

    BrokerRestartFault(Timing timing) {
        this.timing = timing;
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
                if (!draining && nowNanos - startedNanos >= timing.killAfter().toNanos()) {
                    pidsBefore = scene.servicePids();
                    kill(scene, nowNanos, false);
                    phase = Phase.DOWN;
                }
            }
            case DOWN, DRAIN_DOWN -> {
                if (nowNanos >= restartDueNanos) {
                    restart(scene);
                    phase = phase == Phase.DOWN ? Phase.RECOVERING : Phase.DONE;
                    if (phase == Phase.DONE) {
                        pidsAfter = scene.servicePids();
                    }
                }
            }
            case RECOVERING -> {
                Kill kill = kills.getLast();
                if (kill.bounce.flowing(scene, nowNanos)) {
                    kill.uncommittedAfter = scene.uncommitted();
                    kill.reportedAfter = scene.reportedUncommitted();
                    phase = Phase.AWAITING_STOP;
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void stopSent(FaultScene scene, long nowNanos) throws InterruptedException {
        if (phase == Phase.AWAITING_STOP) {
            kill(scene, nowNanos, true);
            phase = Phase.DRAIN_DOWN;
        }
    }

    private void kill(FaultScene scene, long nowNanos, boolean draining) throws InterruptedException {
        kills.add(new Kill(BrokerBounce.kill(scene, nowNanos, draining)));
        restartDueNanos = nowNanos + timing.down().toNanos();
    }

    private void restart(FaultScene scene) throws InterruptedException {
        Kill kill = kills.getLast();
        kill.bounce.restart(scene);
        if (kill.bounce.draining()) {
            kill.uncommittedAfter = kill.bounce.uncommittedAtKill(); // the drain commits everything before it exits
        }
    }

    /** The stop waits until the broker has come back from the mid-run kill and every partition flows again. */
    @Override
    public boolean pending() {
        return phase == Phase.WAITING || phase == Phase.DOWN || phase == Phase.RECOVERING;
    }

    /** Offsets committed before the kill may be behind what was done: a partition that moves is redone from them. */
    @Override
    public boolean mayRepeatWork() {
        return true;
    }

    @Override
    public List<RunReport.FaultReport> report() {
        return kills.stream().map(k -> k.bounce).map(b -> new RunReport.FaultReport(BrokerBounce.FAULT, "broker pid "
                        + b.pid() + (b.draining() ? " (during the drain)" : " (mid-run)"), b.pid(), b.atMs(), b.downMs(),
                b.recoveryMs(), b.detail(timing.down()))).toList();
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        RunReport.History history = evidence.history();
        if (phase == Phase.IMPOSSIBLE) {
            return List.of(new Check("broker restarted", false, "this run has no broker of its own to kill: "
                    + "broker-restart starts the embedded broker itself (no --bootstrap)"));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(restarted(false));
        checks.add(restarted(true));
        checks.add(ServicePids.carriedOn(pidsBefore, pidsAfter, "from before the first kill to after the last restart"));
        long window = kills.stream().mapToLong(k -> Math.max(0, k.bounce.redoWindow(k.uncommittedAfter))).sum();
        boolean known = kills.stream().noneMatch(k -> k.bounce.uncommittedAtKill() < 0);
        checks.add(new Check("duplicates within the uncommitted window", known && history.duplicated() <= window,
                Console.count(history.duplicated()) + " duplicates; window " + Console.count(window)
                        + " (for each kill: the results past the group's commits at the kill or at recovery, whichever"
                        + " is more, plus what the consumers had read past their commits at the kill and what was"
                        + " processed in the second before it); the consumers reported "
                        + kills.stream().map(k -> Console.count(k.bounce.reportedAtKill()) + " read past their commits at the kill"
                                + (k.reportedAfter < 0 ? "" : " and " + Console.count(k.reportedAfter) + " at recovery"))
                                .collect(java.util.stream.Collectors.joining(", then "))
                        + (known ? "" : "; the commits could not be read at a kill")));
        return checks;
    }

    private Check restarted(boolean draining) {
        String name = draining ? "broker restarted during the drain" : "broker restarted mid-run";
        Optional<BrokerBounce> kill = kills.stream().map(k -> k.bounce).filter(b -> b.draining() == draining).findFirst();
        if (kill.isEmpty()) {
            return new Check(name, false, draining ? "the drain kill never came: the stop was not sent after recovery"
                    : "the mid-run kill never came");
        }
        BrokerBounce b = kill.get();
        boolean flowing = draining || b.recoveryMs() != null;
        return new Check(name, b.back() && flowing, !b.back() ? "the broker (pid " + b.pid() + ") was killed and not restarted"
                : !flowing ? "back after " + Console.count(b.downMs()) + " ms, and not every partition flowed again"
                : "pid " + b.pid() + " killed, back after " + Console.count(b.downMs()) + " ms"
                        + (draining ? "; the drain finished on the restarted broker"
                                : "; every partition flowing " + Console.count(b.recoveryMs()) + " ms after the kill"));
    }
}
