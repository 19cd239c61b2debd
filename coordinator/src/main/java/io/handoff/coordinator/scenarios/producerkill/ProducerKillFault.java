package io.handoff.coordinator.scenarios.producerkill;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;
import io.handoff.coordinator.scenario.ProducerSuccession;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Kills a producer with kill -9 {@code after} the start and follows its succession ({@link ProducerSuccession}):
 * the successor starts one past the dead one's highest number on {@code items}, and the stop waits until its
 * items are on the topic.
 */
final class ProducerKillFault implements Fault {

    private final String victim;
    private final Duration after;
    private long startedNanos;
    private ProducerSuccession succession;
    private boolean tookOver;

    ProducerKillFault(String victim, Duration after) {
        this.victim = victim;
        this.after = after;
    }

    @Override
    public void started(FaultScene scene, long nowNanos) {
        startedNanos = nowNanos;
    }

    @Override
    public void tick(FaultScene scene, long nowNanos, boolean draining) throws ExecutionException, InterruptedException {
        if (succession == null) {
            if (!draining && nowNanos - startedNanos >= after.toNanos()) {
                succession = ProducerSuccession.kill(scene, victim, nowNanos);
            }
        } else if (!tookOver) {
            tookOver = succession.follow(scene, nowNanos);
        }
    }

    /** The stop waits until the successor's items are on the topic. */
    @Override
    public boolean pending() {
        return !tookOver;
    }

    @Override
    public long unacknowledged() {
        return succession == null ? 0 : succession.unacknowledged();
    }

    @Override
    public List<RunReport.FaultReport> report() {
        if (succession == null) {
            return List.of();
        }
        return List.of(new RunReport.FaultReport(ProducerSuccession.FAULT, victim + " pid " + succession.pid(),
                succession.pid(), succession.killedAtMs(), null, succession.tookOverMs(), succession.detail()));
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        boolean restarted = succession != null && succession.restarted();
        return List.of(new Check("producer restarted and continued", tookOver, !restarted
                ? victim + " was not started again" + (succession == null ? ": it was never killed" : "")
                : !tookOver ? victim + " restarted as pid " + succession.successorPid() + " and wrote nothing from #"
                        + succession.firstSeq()
                : victim + " pid " + succession.pid() + " killed; pid " + succession.successorPid() + " continued at #"
                        + succession.firstSeq() + ", its items on the topic " + Console.count(succession.tookOverMs())
                        + " ms after the kill; " + Console.count(evidence.history().acknowledged())
                        + " items acknowledged in all, " + Console.count(succession.unacknowledged())
                        + " never acknowledged, counted apart"));
    }
}
