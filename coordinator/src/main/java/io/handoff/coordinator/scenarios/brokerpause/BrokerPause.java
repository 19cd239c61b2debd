package io.handoff.coordinator.scenarios.brokerpause;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;

/**
 * The broker stalls without dying (SIGSTOP for three seconds, as a slow disk or a long pause would stall it) and goes
 * on: every client's request waits and none fails, nothing is lost, no service restarts. The stall outlasts the
 * consumers' session, which the broker times: going on, it expires them and the group rebalances, so some work is
 * done twice, within what was uncommitted at the stall.
 */
public final class BrokerPause implements Scenario {

    static final String NAME = "broker-pause";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String shows() {
        return "the broker stalled for 3 s mid-run (SIGSTOP, as a slow disk would): clients wait and carry on,"
                + " the group rebalances as it goes on, nothing lost";
    }

    @Override
    public Reach reach() {
        return Reach.OWN_BROKER;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        return base.processes(2, 2).items(0).flow(RunPlan.Flow.paced(1_000)).stopAfter(Duration.ofSeconds(8)).build();
    }

    /** Three seconds: longer than the consumers' two-second session, shorter than any request's timeout. */
    @Override
    public Fault fault() {
        return new BrokerPauseFault(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Override
    public String figures(RunReport run) {
        return Scenario.common(run) + run.faults().stream().findFirst().map(f -> "; broker stalled "
                + Console.count(f.downMs() == null ? 0 : f.downMs()) + " ms, every partition flowing "
                + (f.recoveryMs() == null ? "never" : Console.count(f.recoveryMs()) + " ms") + " after the stall began")
                .orElse("; the broker was never stalled");
    }
}
