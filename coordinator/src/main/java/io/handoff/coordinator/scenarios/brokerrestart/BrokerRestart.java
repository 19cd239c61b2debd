package io.handoff.coordinator.scenarios.brokerrestart;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.BrokerBounce;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The broker killed with kill -9 mid-run and started again on the same data a few seconds later, and once more
 * during the sentinel drain: nothing is lost, and producers and consumers carry on in the processes they had.
 */
public final class BrokerRestart implements Scenario {

    @Override
    public String name() {
        return BrokerBounce.FAULT;
    }

    @Override
    public String shows() {
        return "the broker killed with kill -9 mid-run and during the drain, restarted on its data: nothing lost,"
                + " no service restarted";
    }

    @Override
    public Reach reach() {
        return Reach.OWN_BROKER;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        // Paced, so that what piles up while the broker is away is small against the producers' buffers.
        return base.processes(2, 2).items(0).flow(RunPlan.Flow.paced(1_000)).stopAfter(Duration.ofSeconds(12)).build();
    }

    @Override
    public Fault fault() {
        return new BrokerRestartFault(BrokerRestartFault.Timing.SCENARIO);
    }

    @Override
    public String figures(RunReport run) {
        return Scenario.common(run) + "; " + run.faults().stream().map(f -> f.target() + " back in "
                + (f.downMs() == null ? "-" : Console.count(f.downMs())) + " ms"
                + (f.recoveryMs() == null ? "" : ", flowing in " + Console.count(f.recoveryMs()) + " ms"))
                .collect(Collectors.joining("; "));
    }
}
