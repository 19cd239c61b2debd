package io.handoff.coordinator.scenarios.backpressure;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;
import java.util.Locale;

/** Consumers far slower than producers: a credit window brings the producers to their pace. */
public final class Backpressure implements Scenario {

    @Override
    public String name() {
        return "backpressure";
    }

    @Override
    public String shows() {
        return "consumers 10x slower than producers: a credit window brings producers to their pace";
    }

    @Override
    public boolean inDemo() {
        return true;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        return base.processes(2, 2).items(0).flow(new RunPlan.Flow(0, 4, 1_000, 0, true))
                .stopAfter(Duration.ofSeconds(12)).build();
    }

    @Override
    public Fault fault() {
        return new BackpressureCheck();
    }

    @Override
    public String figures(RunReport run) {
        return Scenario.common(run) + String.format(Locale.ROOT,
                "; at most %s unprocessed (window %s); producers %s/s, consumers %s/s",
                Console.count(run.flow().maxUnprocessed()), Console.count(run.flow().creditWindow()),
                Console.count(run.flow().producerRate()), Console.count(run.flow().consumerRate()));
    }
}
