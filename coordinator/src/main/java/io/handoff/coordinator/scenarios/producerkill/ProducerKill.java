package io.handoff.coordinator.scenarios.producerkill;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.ProducerSuccession;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * A producer killed with kill -9 mid-run and started again: every item Kafka acknowledged for it reaches
 * results, what it never got acknowledged is counted apart, and its successor continues its numbering.
 */
public final class ProducerKill implements Scenario {

    @Override
    public String name() {
        return ProducerSuccession.FAULT;
    }

    @Override
    public String shows() {
        return "a producer killed with kill -9 mid-run and restarted: every acknowledged item delivered, the"
                + " unacknowledged counted apart, numbering continued";
    }

    @Override
    public Reach reach() {
        return Reach.LOCAL_SERVICES;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        // Items are audited off the topic: the killed producer never says what it sent.
        return base.processes(2, 2).items(0).flow(RunPlan.Flow.paced(1_000)).stopAfter(Duration.ofSeconds(10))
                .auditItems(true).build();
    }

    @Override
    public Fault fault() {
        return new ProducerKillFault("producer-0", Duration.ofSeconds(3));
    }

    @Override
    public String figures(RunReport run) {
        return Scenario.common(run) + "; never acknowledged " + Console.count(run.history().unacknowledged()) + "; "
                + run.faults().stream().map(f -> f.target() + " producing again in "
                        + (f.recoveryMs() == null ? "-" : Console.count(f.recoveryMs())) + " ms")
                        .collect(Collectors.joining("; "));
    }
}
