package io.handoff.coordinator.scenarios.poison;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;

/**
 * Bad records among the items, before the start and in the middle of the stream: each goes to the dead-letter
 * topic with its reason, and no reader stops for it.
 */
public final class Poison implements Scenario {

    /** Its name, which its fault reports under too. */
    static final String NAME = "poison";

    /** Written before the start, and again mid-run: every kind on every partition at least once. */
    static final int BEFORE = 12;
    static final int MID_RUN = 18;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String shows() {
        return "bad records among the items, before the start and mid-stream: each dead-lettered with its reason,"
                + " no reader stopped";
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        return base.processes(2, 2).items(0).flow(RunPlan.Flow.paced(1_000)).stopAfter(Duration.ofSeconds(8))
                .malformed(BEFORE).build();
    }

    @Override
    public Fault fault() {
        return new PoisonFault(MID_RUN, Duration.ofSeconds(3));
    }

    @Override
    public String figures(RunReport run) {
        RunReport.Malformed bad = run.malformed();
        return Scenario.common(run) + "; " + Console.count(bad.deadLettered()) + " of " + Console.count(bad.injected())
                + " bad records dead-lettered, " + Console.count(bad.consumersCounted()) + " counted by consumers";
    }
}
