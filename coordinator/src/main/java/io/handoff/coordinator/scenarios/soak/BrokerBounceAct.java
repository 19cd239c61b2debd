package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.BrokerBounce;
import io.handoff.coordinator.scenario.FaultScene;

import java.time.Duration;

/**
 * kill -9 the run's broker, start it again on the same data after {@code down}; recovered once every partition flows.
 * What it may make the group redo: as the broker-restart scenario bounds it ({@link BrokerBounce#redoWindow}).
 */
final class BrokerBounceAct extends Act {

    private final Duration down;
    private BrokerBounce bounce;

    BrokerBounceAct(Duration down) {
        this.down = down;
    }

    @Override
    String kind() {
        return BrokerBounce.FAULT;
    }

    @Override
    protected void strike(FaultScene scene) throws InterruptedException {
        bounce = BrokerBounce.kill(scene, atNanos, false);
        pid = bounce.pid();
    }

    @Override
    boolean recovered(FaultScene scene, long nowNanos) throws InterruptedException {
        if (bounce.dueForRestart(nowNanos, down)) {
            bounce.restart(scene);
            return false;
        }
        if (!bounce.flowing(scene, nowNanos)) {
            return false;
        }
        recoveredAt(nowNanos);
        redoWindow = Math.max(0, bounce.redoWindow(scene.uncommitted()));
        return true;
    }

    @Override
    String target() {
        return "broker pid " + pid;
    }

    @Override
    String detail() {
        return bounce.detail(down);
    }

    @Override
    RunReport.FaultReport report() {
        return new RunReport.FaultReport(kind(), target(), pid, atMs, bounce.downMs(), recoveryMs, detail());
    }
}
