package io.handoff.coordinator.scenarios.consumerpause;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * A consumer frozen with SIGSTOP for three of its sessions, then let go with SIGCONT: the group moves on
 * without it, and when it returns it is fenced (its partitions are gone) and rejoins; its late work corrupts
 * nothing.
 */
public final class ConsumerPause implements Scenario {

    /** Its name, which its fault reports under too. */
    static final String NAME = "consumer-pause";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String shows() {
        return "a consumer frozen with SIGSTOP past its session, then SIGCONT: the group moves on, the stalled one"
                + " is fenced and rejoins, nothing lost";
    }

    @Override
    public Reach reach() {
        return Reach.LOCAL_SERVICES;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        return base.processes(2, 2).items(0).flow(RunPlan.Flow.paced(1_000)).stopAfter(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public Fault fault() {
        return new FreezeFault(Duration.ofSeconds(4), 3);
    }

    @Override
    public String figures(RunReport run) {
        return Scenario.common(run) + "; " + run.faults().stream().map(f -> f.target() + ": group moved on in "
                + (f.downMs() == null ? "-" : Console.count(f.downMs())) + " ms, back and flowing in "
                + (f.recoveryMs() == null ? "-" : Console.count(f.recoveryMs())) + " ms")
                .collect(Collectors.joining("; "));
    }
}
