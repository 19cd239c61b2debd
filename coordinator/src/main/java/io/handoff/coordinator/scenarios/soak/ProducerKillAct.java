package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.scenario.FaultScene;
import io.handoff.coordinator.scenario.ProducerSuccession;

import java.util.concurrent.ExecutionException;

/**
 * kill -9 a producer and start its successor one past its highest number on {@code items}, at the soak's rate
 * ({@link ProducerSuccession}); recovered once the successor's items are on the topic. No consumer redoes anything.
 */
final class ProducerKillAct extends Act {

    private final String victim;
    private ProducerSuccession succession;

    ProducerKillAct(String victim) {
        this.victim = victim;
    }

    @Override
    String kind() {
        return ProducerSuccession.FAULT;
    }

    @Override
    protected void strike(FaultScene scene) throws ExecutionException, InterruptedException {
        succession = ProducerSuccession.kill(scene, victim, atNanos);
        pid = succession.pid();
    }

    @Override
    boolean recovered(FaultScene scene, long nowNanos) {
        if (succession.follow(scene, nowNanos)) {
            recoveredAt(nowNanos);
            return true;
        }
        return false;
    }

    @Override
    long unacknowledged() {
        return succession == null ? 0 : succession.unacknowledged();
    }

    @Override
    String target() {
        return victim + " pid " + pid;
    }

    @Override
    String detail() {
        return succession.detail();
    }
}
