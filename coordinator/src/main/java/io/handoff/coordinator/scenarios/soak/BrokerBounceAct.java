package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.run.FaultScene;
import io.handoff.coordinator.run.RunEvent;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * kill -9 the run's broker, start it again on the same data after {@code down}; recovered once every partition flows.
 * What it may make the group redo: the results past the group's commits at the kill or after, whichever is more,
 * and what the consumers may hold in hand (as the broker-restart scenario bounds it).
 */
final class BrokerBounceAct extends Act {

    private final Duration down;
    private long uncommittedAtKill;
    private long inHand;
    private long backAtMs;
    private Long downMs;

    BrokerBounceAct(Duration down, LongSupplier lastSecond) {
        super(lastSecond);
        this.down = down;
    }

    @Override
    String kind() {
        return "broker-restart";
    }

    @Override
    protected void strike(FaultScene scene) throws InterruptedException {
        FaultScene.BrokerControl broker = scene.broker().orElseThrow(() -> new IllegalStateException(
                "a soak kills the broker it starts itself: it cannot run with --bootstrap"));
        pid = broker.pid();
        uncommittedAtKill = scene.uncommitted();
        inHand = scene.inHand();
        broker.kill();
        scene.tell(new RunEvent.BrokerKilled(pid, false));
    }

    @Override
    boolean recovered(FaultScene scene, long nowNanos) throws InterruptedException {
        if (downMs == null) {
            if (nowNanos - atNanos < down.toNanos()) {
                return false;
            }
            FaultScene.BrokerControl broker = scene.broker().orElseThrow();
            Duration startup = broker.restart();
            backAtMs = System.currentTimeMillis();
            downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - atNanos);
            scene.tell(new RunEvent.BrokerBack(broker.pid(), downMs, startup.toMillis()));
            return false;
        }
        if (!scene.everyPartitionFlowingSince(backAtMs)) {
            return false;
        }
        recoveredAt(nowNanos);
        redoWindow = Math.max(Math.max(0, uncommittedAtKill), scene.uncommitted()) + inHand;
        scene.tell(new RunEvent.FlowingAgain(recoveryMs));
        return true;
    }

    @Override
    String target() {
        return "broker pid " + pid;
    }

    @Override
    String detail() {
        return "kill -9, restarted on the same data after " + down.toSeconds() + " s; "
                + (uncommittedAtKill < 0 ? "uncommitted results unknown" : Console.count(uncommittedAtKill)
                + " results past the group's commits at the kill");
    }

    @Override
    RunReport.FaultReport report() {
        return new RunReport.FaultReport(kind(), target(), pid, atMs, downMs, recoveryMs, detail());
    }
}
