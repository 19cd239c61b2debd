package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;
import java.util.Optional;

/**
 * A long run at half the pipeline's most, with a fault every so often, watched for leaks: every process's heap
 * after GC, threads and open files, and every file of the run. {@code ./handoff soak} runs it for as long as asked;
 * as a scenario it lasts three minutes.
 */
public final class Soak implements Scenario {

    /** The scenario's own: three minutes, a fault every 25 s, a sample every 5 s. */
    public static final SoakSettings SCENARIO = SoakSettings.of(Duration.ofMinutes(3), Duration.ofSeconds(25),
            Duration.ofSeconds(5));

    private final SoakSettings settings;

    public Soak() {
        this(SCENARIO);
    }

    public Soak(SoakSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String shows() {
        return "a long run at half the pipeline's most, a fault every so often (consumer kill, broker restart,"
                + " producer kill, rebalance): nothing lost, and no process's heap, threads or files growing";
    }

    @Override
    public Reach reach() {
        return Reach.OWN_BROKER;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        // Unpaced at first: the soak measures the pipeline's most, then paces the producers at half of it. Items are
        // audited off the items topic, as producers are killed; the broker keeps records for a while only.
        RunPlan plan = base.processes(2, 2).items(0).flow(RunPlan.Flow.FREE).auditItems(true)
                .retention(settings.retention()).build();
        // Room after the stop for a fault still recovering (at most 90 s) and the drain.
        return plan.withStopAfter(settings.duration()).toBuilder().timeout(settings.duration().plusMinutes(5)).build();
    }

    @Override
    public Fault fault() {
        return new SoakFault(settings);
    }

    /** What a soak's samples showed, given the fault its run was driven by; empty if it never started. */
    public static Optional<SoakFindings> findingsOf(Fault fault) {
        return fault instanceof SoakFault soak ? soak.findingsIfRun() : Optional.empty();
    }

    @Override
    public String figures(RunReport run) {
        return Scenario.common(run) + "; " + run.faults().size() + " faults; " + Console.count(run.consumedUnique())
                + " items";
    }
}
