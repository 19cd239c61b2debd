package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.run.FaultScene;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * kill -9 a producer; once {@code items} has been read to its end, start it again one past its highest number there,
 * at the soak's rate. Recovered once the successor's items are on the topic. It makes no consumer redo anything.
 */
final class ProducerKillAct extends Act {

    /** Requests the dead process had already put on the wire land before its highest number is taken. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final String victim;
    private long restartedPid = -1;
    private long firstSeq = -1;
    private long unacknowledged;

    ProducerKillAct(String victim, LongSupplier lastSecond) {
        super(lastSecond);
        this.victim = victim;
    }

    @Override
    String kind() {
        return "producer-kill";
    }

    @Override
    protected void strike(FaultScene scene) throws ExecutionException, InterruptedException {
        pid = scene.killProducer(victim);
    }

    @Override
    boolean recovered(FaultScene scene, long nowNanos) {
        if (firstSeq < 0) {
            if (nowNanos - atNanos >= SETTLE.toNanos() && scene.itemsReadToEnd()) {
                OptionalLong highest = scene.highestSeqOnItems(victim);
                firstSeq = highest.isPresent() ? highest.getAsLong() + 1 : 0;
                unacknowledged = scene.neverAcknowledged(victim, firstSeq);
                restartedPid = scene.restartProducer(victim, firstSeq);
            }
            return false;
        }
        OptionalLong highest = scene.highestSeqOnItems(victim);
        if (highest.isPresent() && highest.getAsLong() >= firstSeq) {
            recoveredAt(nowNanos);
            return true;
        }
        return false;
    }

    @Override
    long unacknowledged() {
        return unacknowledged;
    }

    @Override
    String target() {
        return victim + " pid " + pid;
    }

    @Override
    String detail() {
        return "kill -9; restarted as pid " + restartedPid + " continuing at #" + firstSeq + "; "
                + Console.count(unacknowledged) + " items it had made were never acknowledged";
    }
}
