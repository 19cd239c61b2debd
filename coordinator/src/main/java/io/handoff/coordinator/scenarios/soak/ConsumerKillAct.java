package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.scenario.FaultScene;

import java.util.concurrent.ExecutionException;

/**
 * kill -9 a consumer and start a new process for it at once, as a supervisor would; recovered once the new process
 * holds partitions and every partition flows. What it may make the group redo: the results past the group's commits
 * when it struck, and what was done in the second before.
 */
final class ConsumerKillAct extends Act {

    private final String victim;
    private long restartedPid = -1;
    private long heldAtMs;

    ConsumerKillAct(String victim) {
        this.victim = victim;
    }

    /** The soak's own fault (the scenario of consumer kills is the isolation drill). */
    static final String KIND = "consumer-kill";

    @Override
    String kind() {
        return KIND;
    }

    @Override
    protected void strike(FaultScene scene) throws ExecutionException, InterruptedException {
        pid = scene.consumerPids().getOrDefault(victim, -1L);
        redoWindow = Math.max(0, scene.uncommitted()) + scene.processedInLastSecond();
        restartedPid = scene.killAndRestartConsumer(victim);
    }

    @Override
    boolean recovered(FaultScene scene, long nowNanos) {
        if (heldAtMs == 0 && !scene.heldBy(victim).isEmpty()) {
            heldAtMs = System.currentTimeMillis();
        }
        if (heldAtMs > 0 && scene.everyPartitionFlowingSince(heldAtMs)) {
            recoveredAt(nowNanos);
            return true;
        }
        return false;
    }

    @Override
    String target() {
        return victim + " pid " + pid;
    }

    @Override
    String detail() {
        return "kill -9, restarted as pid " + restartedPid + "; " + Console.count(redoWindow)
                + " results it may have left uncommitted";
    }
}
