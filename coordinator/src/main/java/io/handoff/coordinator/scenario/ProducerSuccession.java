package io.handoff.coordinator.scenario;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A producer killed with kill -9 and its successor: once {@code items} has been read to its end (the dead process
 * can write nothing more, so its highest number there is final), a new process starts one past that number, at the
 * rate the run last set; it has taken over once its own items are on the topic. Items the dead one made and never
 * got acknowledged are counted, by number, apart from what the pipeline lost. The run must audit {@code items}.
 */
public final class ProducerSuccession {

    /** The fault's name, which the producer-kill scenario and the soak's fault report under. */
    public static final String FAULT = "producer-kill";

    /** Requests the dead process had already put on the wire land before its highest number is taken. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final String victim;
    private final long killedAtNanos;
    private final long killedAtMs;
    private final long pid;
    private long successorPid = -1;
    private long firstSeq = -1;
    private long unacknowledged;
    private Long tookOverMs;

    private ProducerSuccession(String victim, long killedAtNanos, long killedAtMs, long pid) {
        this.victim = victim;
        this.killedAtNanos = killedAtNanos;
        this.killedAtMs = killedAtMs;
        this.pid = pid;
    }

    /** Kills {@code victim} now; follow the succession with {@link #follow}. */
    public static ProducerSuccession kill(FaultScene scene, String victim, long nowNanos) throws ExecutionException,
            InterruptedException {
        long atMs = System.currentTimeMillis();
        return new ProducerSuccession(victim, nowNanos, atMs, scene.killProducer(victim));
    }

    /** One step: start the successor when the dead one's numbers are final; true once the successor has taken over. */
    public boolean follow(FaultScene scene, long nowNanos) {
        if (tookOverMs != null) {
            return true;
        }
        if (firstSeq < 0) {
            if (nowNanos - killedAtNanos >= SETTLE.toNanos() && scene.itemsReadToEnd()) {
                OptionalLong highest = scene.highestSeqOnItems(victim);
                firstSeq = highest.isPresent() ? highest.getAsLong() + 1 : 0;
                unacknowledged = scene.neverAcknowledged(victim, firstSeq);
                successorPid = scene.restartProducer(victim, firstSeq);
            }
            return false;
        }
        OptionalLong highest = scene.highestSeqOnItems(victim);
        if (highest.isPresent() && highest.getAsLong() >= firstSeq) {
            tookOverMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - killedAtNanos);
            return true;
        }
        return false;
    }

    public String victim() {
        return victim;
    }

    public long pid() {
        return pid;
    }

    public long killedAtMs() {
        return killedAtMs;
    }

    /** Whether the successor has been started. */
    public boolean restarted() {
        return successorPid >= 0;
    }

    public long successorPid() {
        return successorPid;
    }

    /** The successor's first number: one past the dead one's highest on {@code items}. */
    public long firstSeq() {
        return firstSeq;
    }

    public long unacknowledged() {
        return unacknowledged;
    }

    /** Milliseconds from the kill until the successor's items were on the topic; null until then. */
    public Long tookOverMs() {
        return tookOverMs;
    }

    /** What happened, for a fault's report. */
    public String detail() {
        return "kill -9; restarted as pid " + successorPid + " continuing at #" + firstSeq + "; "
                + io.handoff.coordinator.report.Console.count(unacknowledged) + " items it had made were never acknowledged";
    }
}
