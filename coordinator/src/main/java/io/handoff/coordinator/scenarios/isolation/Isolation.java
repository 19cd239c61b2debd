package io.handoff.coordinator.scenarios.isolation;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;
import java.util.Locale;

/** A consumer process killed with kill -9 mid-run: the others carry on, and it is restarted. */
public final class Isolation implements Scenario {

    @Override
    public String name() {
        return "isolation";
    }

    @Override
    public String shows() {
        return "a consumer killed with kill -9 mid-run: the others carry on, nothing lost";
    }

    @Override
    public boolean inDemo() {
        return true;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        return base.processes(2, 3).items(0).flow(RunPlan.Flow.paced(1_500)).stopAfter(Duration.ofSeconds(12))
                .supervision(new RunPlan.Supervision(true, false)).build();
    }

    /** One consumer killed five seconds in. */
    @Override
    public Fault fault() {
        return new IsolationFault(1, Duration.ofSeconds(5), System.nanoTime());
    }

    @Override
    public String figures(RunReport run) {
        return Scenario.common(run) + run.outages().stream().findFirst().map(o -> String.format(Locale.ROOT,
                "; %s killed, recovered in %s ms, producers %.0f/s before, %.0f/s during", o.victim(),
                o.recoveryMs() == null ? "-" : Console.count(o.recoveryMs()), o.producerRateBefore(),
                o.producerRateDuring())).orElse("; no kill happened");
    }
}
