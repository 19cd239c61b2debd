package io.handoff.coordinator.demo;

import io.handoff.coordinator.run.RunPlan;
import io.handoff.shared.config.LockMode;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo's scenarios, in the order they run, sized to finish together within three minutes on two cores:
 * a steady run, a slow consumer held back by backpressure, a consumer killed mid-run, and a stop drained
 * by sentinels.
 */
public final class DemoScenarios {

    /**
     * Enough items that the steady run's rate is a fair measurement: the services' first seconds (JIT, the
     * group settling) weigh little against it, and it still takes only seconds.
     */
    static final long STEADY_ITEMS = 1_000_000;

    private DemoScenarios() {
    }

    public static List<Scenario> all(String bootstrap) {
        return List.of(
                new Scenario("steady", "a steady run: every item crosses, nothing lost, ledgers conserved",
                        plan(bootstrap, 2, 2, STEADY_ITEMS, RunPlan.Flow.FREE, RunPlan.Ending.BY_ITEMS, RunPlan.Drill.NONE)),
                new Scenario("backpressure",
                        "consumers 10x slower than producers: a credit window brings producers to their pace",
                        plan(bootstrap, 2, 2, 0, new RunPlan.Flow(0, 4, 1_000, 0, true), stopAfter(12), RunPlan.Drill.NONE)),
                new Scenario("isolation", "a consumer killed with kill -9 mid-run: the others carry on, nothing lost",
                        plan(bootstrap, 2, 3, 0, new RunPlan.Flow(1_500, 0, 0, 0, false), stopAfter(12),
                                new RunPlan.Drill(1, Duration.ofSeconds(5), false, true))),
                new Scenario("stop", "a stop mid-stream: producers write sentinels, consumers drain to them and exit",
                        plan(bootstrap, 2, 2, 0, RunPlan.Flow.FREE, stopAfter(6), RunPlan.Drill.NONE)));
    }

    private static RunPlan.Ending stopAfter(int seconds) {
        return new RunPlan.Ending(Optional.of(Duration.ofSeconds(seconds)));
    }

    private static RunPlan plan(String bootstrap, int producers, int consumers, long items, RunPlan.Flow flow,
            RunPlan.Ending ending, RunPlan.Drill drill) {
        return new RunPlan(producers, consumers, items, 6, 100, Optional.of(bootstrap), Optional.empty(), 0, 4, 2,
                1_000, LockMode.ORDERED, ThreadKind.PLATFORM, Work.NONE, 4, flow, ending, drill,
                Duration.ofMinutes(3), false);
    }
}
