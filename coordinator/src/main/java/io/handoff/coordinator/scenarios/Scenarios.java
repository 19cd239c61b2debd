package io.handoff.coordinator.scenarios;

import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;
import io.handoff.coordinator.scenario.Sizing;
import io.handoff.coordinator.scenarios.backpressure.Backpressure;
import io.handoff.coordinator.scenarios.brokerpause.BrokerPause;
import io.handoff.coordinator.scenarios.brokerrestart.BrokerRestart;
import io.handoff.coordinator.scenarios.consumerpause.ConsumerPause;
import io.handoff.coordinator.scenarios.isolation.Isolation;
import io.handoff.coordinator.scenarios.poison.Poison;
import io.handoff.coordinator.scenarios.producerkill.ProducerKill;
import io.handoff.coordinator.scenarios.rebalancestorm.RebalanceStorm;
import io.handoff.coordinator.scenarios.soak.Soak;
import io.handoff.coordinator.scenarios.steady.Steady;
import io.handoff.coordinator.scenarios.stop.Stop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every scenario, in the order the demo runs them and the API lists them: the one registry that the CLI,
 * the REST API, the live page and the docs read. A new scenario is a package under this one and a line here.
 */
public final class Scenarios {

    private static final List<Scenario> ALL = List.of(
            new Steady(),
            new Backpressure(),
            new Isolation(),
            new Stop(),
            new BrokerRestart(),
            new BrokerPause(),
            new ProducerKill(),
            new ConsumerPause(),
            new RebalanceStorm(),
            new Poison(),
            new Soak());

    /** A scenario's run is sized to finish well within this; a run asked for with more seconds gets more. */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    /** Those {@code ./handoff demo} runs when not told which. */
    public static List<Scenario> demo() {
        return ALL.stream().filter(Scenario::inDemo).toList();
    }

    public static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    /** The scenario's run on the cluster at {@code bootstrap} (empty: the embedded broker), sized as asked. */
    public static RunPlan plan(Scenario scenario, Optional<String> bootstrap, Sizing sizing) {
        List<String> timed = ALL.stream().filter(s -> plan(s, Optional.empty()).ending().stopAfter().isPresent())
                .map(Scenario::name).toList();
        return sizing.apply(scenario, plan(scenario, bootstrap), timed);
    }

    /** The scenario's own run on the cluster at {@code bootstrap} (empty: the embedded broker). */
    public static RunPlan plan(Scenario scenario, Optional<String> bootstrap) {
        return scenario.plan(RunPlan.builder().scenario(scenario.name()).bootstrap(bootstrap.orElse(null))
                .timeout(TIMEOUT));
    }
}
