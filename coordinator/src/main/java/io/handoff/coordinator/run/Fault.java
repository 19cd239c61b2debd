package io.handoff.coordinator.run;

import io.handoff.coordinator.report.RunReport;

import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A fault a scenario causes during a run, beyond the plan's settings: the broker killed and restarted, a
 * process paused. The run drives it by ticks, on the coordinator's thread, and asks it for its own part of
 * the report and its own checks. The run engine knows no scenario; a scenario brings its fault.
 */
public interface Fault {

    /** No fault: the run as planned. */
    Fault NONE = new Fault() {
    };

    /** One step: cause the fault when it is due, and follow its recovery. */
    default void tick(FaultScene scene, long nowNanos, boolean draining) throws ExecutionException,
            InterruptedException {
    }

    /** The stop has just been sent: producers drain and write sentinels, consumers drain to them. */
    default void stopSent(FaultScene scene, long nowNanos) throws ExecutionException, InterruptedException {
    }

    /** Whether the stop must wait for it: the fault is yet to happen, or yet to recover. */
    default boolean pending() {
        return false;
    }

    /** Whether it may cause work to be repeated, so that duplicates are not a failure in themselves. */
    default boolean mayRepeatWork() {
        return false;
    }

    /** What it did, for the report. */
    default List<RunReport.FaultReport> report() {
        return List.of();
    }

    /** Its own checks of the finished run, after the invariants every run keeps. */
    default List<RunReport.Check> checks(RunReport.History history) {
        return List.of();
    }
}
