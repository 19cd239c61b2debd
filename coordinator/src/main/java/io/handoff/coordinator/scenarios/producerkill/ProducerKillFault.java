package io.handoff.coordinator.scenarios.producerkill;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.run.Fault;
import io.handoff.coordinator.run.FaultScene;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Kills a producer with kill -9, waits until {@code items} has been read to its end (the dead process can
 * write nothing more, so its highest number there is final), and starts it again one past that number. The
 * successor begins at once; the fault follows it until its first items are on the topic.
 */
final class ProducerKillFault implements Fault {

    /** Give requests the dead process had already put on the wire time to land before the count is taken. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    /** Where the fault stands. */
    enum Phase { WAITING, DEAD, RESTARTED, PRODUCING }

    private final String victim;
    private final Duration after;
    private Phase phase = Phase.WAITING;
    private long startedNanos;
    private long killedAtNanos;
    private long killedAtMs;
    private long pid;
    private long restartedPid;
    private long firstSeq;
    private long unacknowledged;
    private Long producingMs;

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
        switch (phase) {
            case WAITING -> {
                if (!draining && nowNanos - startedNanos >= after.toNanos()) {
                    killedAtMs = System.currentTimeMillis();
                    killedAtNanos = nowNanos;
                    pid = scene.killProducer(victim);
                    phase = Phase.DEAD;
                }
            }
            case DEAD -> {
                if (nowNanos - killedAtNanos >= SETTLE.toNanos() && scene.itemsReadToEnd()) {
                    OptionalLong highest = scene.highestSeqOnItems(victim);
                    firstSeq = highest.isPresent() ? highest.getAsLong() + 1 : 0;
                    unacknowledged = scene.neverAcknowledged(victim, firstSeq);
                    restartedPid = scene.restartProducer(victim, firstSeq);
                    phase = Phase.RESTARTED;
                }
            }
            case RESTARTED -> {
                OptionalLong highest = scene.highestSeqOnItems(victim);
                if (highest.isPresent() && highest.getAsLong() >= firstSeq) {
                    producingMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - killedAtNanos);
                    phase = Phase.PRODUCING;
                }
            }
            default -> {
            }
        }
    }

    /** The stop waits until the successor's items are on the topic. */
    @Override
    public boolean pending() {
        return phase != Phase.PRODUCING;
    }

    @Override
    public long unacknowledged() {
        return unacknowledged;
    }

    @Override
    public List<RunReport.FaultReport> report() {
        if (phase == Phase.WAITING) {
            return List.of();
        }
        return List.of(new RunReport.FaultReport("producer-kill", victim + " pid " + pid, pid, killedAtMs, null,
                producingMs, "kill -9; restarted as pid " + restartedPid + " continuing at #" + firstSeq + "; "
                        + Console.count(unacknowledged) + " items it had made were never acknowledged"));
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        boolean restarted = phase.compareTo(Phase.RESTARTED) >= 0;
        return List.of(new Check("producer restarted and continued", producingMs != null, !restarted
                ? victim + " was not started again" + (phase == Phase.WAITING ? ": it was never killed" : "")
                : producingMs == null ? victim + " restarted as pid " + restartedPid + " and wrote nothing from #" + firstSeq
                : victim + " pid " + pid + " killed; pid " + restartedPid + " continued at #" + firstSeq + ", its items on"
                        + " the topic " + Console.count(producingMs) + " ms after the kill; "
                        + Console.count(evidence.history().acknowledged()) + " items acknowledged in all, "
                        + Console.count(unacknowledged) + " never acknowledged, counted apart"));
    }
}
