package io.handoff.coordinator.scenarios.rebalancestorm;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;

/**
 * Consumers join and leave every two seconds for half a minute, through the stop and its drain: every move is a
 * rebalance, and nothing is lost.
 */
public final class RebalanceStorm implements Scenario {

    /** Its name, which its fault reports under too. */
    static final String NAME = "rebalance-storm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String shows() {
        return "consumers joining and leaving every 2 s for 30 s, through the drain: every move a rebalance,"
                + " nothing lost";
    }

    @Override
    public Reach reach() {
        return Reach.LOCAL_SERVICES;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        // The stop comes while the storm still blows: the drain is stormed too.
        return base.processes(2, 2).items(0).flow(RunPlan.Flow.paced(1_000)).stopAfter(Duration.ofSeconds(24))
                .build();
    }

    @Override
    public Fault fault() {
        return new StormFault(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    @Override
    public String figures(RunReport run) {
        return Scenario.common(run) + "; " + run.faults().stream().findFirst().map(RunReport.FaultReport::detail)
                .orElse("no storm") + "; " + Console.count(run.duplicates()) + " duplicates";
    }
}
