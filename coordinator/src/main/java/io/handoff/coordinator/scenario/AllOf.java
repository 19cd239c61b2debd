package io.handoff.coordinator.scenario;

import io.handoff.coordinator.report.RunReport;

import java.util.List;
import java.util.concurrent.ExecutionException;

/** {@link Fault#all}: each fault in turn, in the order given; the stop waits for every one. */
record AllOf(List<Fault> faults) implements Fault {

    AllOf {
        faults = List.copyOf(faults);
    }

    @Override
    public void started(FaultScene scene, long nowNanos) {
        faults.forEach(f -> f.started(scene, nowNanos));
    }

    @Override
    public void tick(FaultScene scene, long nowNanos, boolean draining) throws ExecutionException,
            InterruptedException {
        for (Fault fault : faults) {
            fault.tick(scene, nowNanos, draining);
        }
    }

    @Override
    public void stopSent(FaultScene scene, long nowNanos) throws ExecutionException, InterruptedException {
        for (Fault fault : faults) {
            fault.stopSent(scene, nowNanos);
        }
    }

    @Override
    public boolean pending() {
        return faults.stream().anyMatch(Fault::pending);
    }

    @Override
    public boolean mayRepeatWork() {
        return faults.stream().anyMatch(Fault::mayRepeatWork);
    }

    @Override
    public long unacknowledged() {
        return faults.stream().mapToLong(Fault::unacknowledged).sum();
    }

    @Override
    public List<RunReport.FaultReport> report() {
        return faults.stream().flatMap(f -> f.report().stream()).toList();
    }

    @Override
    public List<RunReport.Check> checks(Evidence evidence) {
        return faults.stream().flatMap(f -> f.checks(evidence).stream()).toList();
    }
}
