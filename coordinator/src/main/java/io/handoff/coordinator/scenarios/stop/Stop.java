package io.handoff.coordinator.scenarios.stop;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.Drain;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;
import java.util.Locale;

/** A stop mid-stream: producers write sentinels, consumers drain to them and exit. */
public final class Stop implements Scenario {

    @Override
    public String name() {
        return "stop";
    }

    @Override
    public String shows() {
        return "a stop mid-stream: producers write sentinels, consumers drain to them and exit";
    }

    @Override
    public boolean inDemo() {
        return true;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        return base.processes(2, 2).items(0).stopAfter(Duration.ofSeconds(6)).build();
    }

    @Override
    public String figures(RunReport run) {
        Drain drain = run.drain();
        if (drain == null) {
            return Scenario.common(run) + "; ended by " + run.endedBy() + ", drain not measured";
        }
        return Scenario.common(run) + String.format(Locale.ROOT,
                "; ended by %s, drained in %s ms (%s %s ms: 1 s + %s in flight at the stop / %s items/s), exited %s ms",
                run.endedBy(), Console.count(drain.ms()), drain.withinBound() ? "within" : "beyond",
                Console.count(drain.boundMs()), Console.count(drain.inFlightAtStop()),
                Console.count(Math.round(drain.itemsPerSec())), Console.count(run.drainMs()));
    }
}
