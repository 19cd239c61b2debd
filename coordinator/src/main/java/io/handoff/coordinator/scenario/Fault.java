package io.handoff.coordinator.scenario;

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

    /** Several faults in one run, each driven in turn by the same ticks: the run's own options may ask for more than one. */
    static Fault all(List<Fault> faults) {
        List<Fault> real = faults.stream().filter(f -> f != NONE).toList();
        return real.isEmpty() ? NONE : real.size() == 1 ? real.getFirst() : new AllOf(real);
    }

    /** The run's producers have just been told to start: the fault's clock starts here. */
    default void started(FaultScene scene, long nowNanos) {
    }

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

    /**
     * Items a producer it killed had made and never got acknowledged: lost with the process, not by the
     * pipeline, and counted apart in the history.
     */
    default long unacknowledged() {
        return 0;
    }

    /** What it did, for the report. */
    default List<RunReport.FaultReport> report() {
        return List.of();
    }

    /** Its own checks of the finished run, after the invariants every run keeps. */
    default List<RunReport.Check> checks(Evidence evidence) {
        return List.of();
    }

    /**
     * What a fault's checks may judge by: the run's history and what became of its bad records.
     *
     * @param history   acknowledged, ok, lost, duplicated, unexpected, out of order
     * @param malformed the bad records written into {@code items}, and their fates
     * @param consumersDone each consumer's done report, by instance
     * @param flow      rates, queues, credits and heap over the run
     */
    record Evidence(RunReport.History history, RunReport.Malformed malformed,
            java.util.Map<String, io.handoff.shared.message.ConsumerDone> consumersDone, RunReport.FlowReport flow) {
    }
}
