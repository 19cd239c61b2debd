package io.handoff.coordinator.scenarios.steady;

import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;

/** A steady run at full speed: the baseline every other scenario is a variation of. */
public final class Steady implements Scenario {

    /**
     * Enough items that the rate is a fair measurement: the services' first seconds (JIT, the group settling)
     * weigh little against it, and it still takes only seconds.
     */
    static final long ITEMS = 1_000_000;

    @Override
    public String name() {
        return "steady";
    }

    @Override
    public String shows() {
        return "a steady run: every item crosses, nothing lost, ledgers conserved";
    }

    @Override
    public boolean inDemo() {
        return true;
    }

    @Override
    public RunPlan plan(RunPlan.Builder base) {
        return base.processes(2, 2).items(ITEMS).build();
    }
}
