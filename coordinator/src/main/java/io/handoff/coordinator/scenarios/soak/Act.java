package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.FaultScene;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One fault of a soak, from the moment it is caused to the moment every partition flows again: a consumer killed,
 * the broker restarted, a producer killed, a consumer joining and leaving. The soak causes them in turn.
 */
abstract sealed class Act permits ConsumerKillAct, BrokerBounceAct, ProducerKillAct, RebalanceAct {

    protected long atNanos;
    protected long atMs;
    protected long pid = -1;
    /** Milliseconds from the fault until every partition flowed again; null until then (or if never). */
    protected Long recoveryMs;
    /** What it may have made the group do twice, as measured when it struck. */
    protected long redoWindow;

    abstract String kind();

    /** Causes the fault. */
    void begin(FaultScene scene, long nowNanos) throws ExecutionException, InterruptedException {
        atNanos = nowNanos;
        atMs = System.currentTimeMillis();
        strike(scene);
    }

    protected abstract void strike(FaultScene scene) throws ExecutionException, InterruptedException;

    /** Follows it; true once it has recovered. */
    abstract boolean recovered(FaultScene scene, long nowNanos) throws ExecutionException, InterruptedException;

    protected final void recoveredAt(long nowNanos) {
        recoveryMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - atNanos);
    }

    boolean hasRecovered() {
        return recoveryMs != null;
    }

    long redoWindow() {
        return redoWindow;
    }

    /** Items a producer it killed had made and never got acknowledged. */
    long unacknowledged() {
        return 0;
    }

    abstract String target();

    abstract String detail();

    RunReport.FaultReport report() {
        return new RunReport.FaultReport(kind(), target(), pid, atMs, null, recoveryMs, detail());
    }
}
