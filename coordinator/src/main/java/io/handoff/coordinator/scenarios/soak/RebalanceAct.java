package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.scenario.FaultScene;


/**
 * A consumer joins (a new process), and once it holds partitions and every partition flows, it leaves again
 * (SIGTERM), as a platform scaling up and back down does: two rebalances. Recovered once every partition flows
 * after it left. What each move may make the group redo: what the consumers reported read past their commits,
 * plus what they did in the second before (after their last heartbeat).
 */
final class RebalanceAct extends Act {

    private String joined;
    private long heldAtMs;
    private long leftAtMs;
    private long goneAtMs;

    /** The soak's own fault: one consumer joining and leaving (the storm is a scenario of its own). */
    static final String KIND = "rebalance";

    @Override
    String kind() {
        return KIND;
    }

    @Override
    protected void strike(FaultScene scene) {
        redoWindow = Math.max(0, scene.reportedUncommitted()) + scene.processedInLastSecond();
        joined = scene.joinConsumer();
        pid = scene.consumerPids().getOrDefault(joined, -1L);
    }

    @Override
    boolean recovered(FaultScene scene, long nowNanos) throws InterruptedException {
        if (leftAtMs == 0) {
            if (heldAtMs == 0 && !scene.heldBy(joined).isEmpty()) {
                heldAtMs = System.currentTimeMillis();
            }
            if (heldAtMs > 0 && scene.everyPartitionFlowingSince(heldAtMs)) {
                redoWindow += Math.max(0, scene.reportedUncommitted()) + scene.processedInLastSecond();
                scene.retireConsumer(joined);
                leftAtMs = System.currentTimeMillis();
            }
            return false;
        }
        if (goneAtMs == 0) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return false; // still handing its partitions over
            }
            goneAtMs = System.currentTimeMillis();
        }
        if (scene.everyPartitionFlowingSince(goneAtMs)) {
            recoveredAt(nowNanos);
            return true;
        }
        return false;
    }

    @Override
    String target() {
        return "the consumer group (" + joined + " joined and left)";
    }

    @Override
    String detail() {
        return joined + " (pid " + pid + ") joined, held partitions, and left by SIGTERM; "
                + Console.count(redoWindow) + " results the two moves may have had redone";
    }
}
