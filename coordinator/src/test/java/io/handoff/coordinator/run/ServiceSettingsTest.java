package io.handoff.coordinator.run;

import io.handoff.coordinator.scenario.Scenario;
import io.handoff.coordinator.scenarios.Scenarios;
import io.handoff.shared.message.Role;
import io.handoff.shared.message.control.Launch;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the coordinator asks an agent to start is what an agent accepts: the two lists cannot drift apart. */
class ServiceSettingsTest {

    @Test
    void everySettingOfEveryScenarioIsOneALaunchMayCarry() {
        for (Scenario scenario : Scenarios.all()) {
            ServiceSettings settings = new ServiceSettings("20261201-130325-22tp", "kafka:9092",
                    Scenarios.plan(scenario, Optional.of("kafka:9092")), 6_000);
            for (Map<String, String> env : java.util.List.of(settings.producer(0), settings.consumer(0))) {
                assertThat(Launch.SETTINGS).as(scenario.name()).containsAll(env.keySet());
                // The record's own checks, as an agent applies them to what it reads.
                new Launch(settings.runId(), "agent-a", 1, "launch-1", "consumer-0", Role.CONSUMER, env, "i-1");
            }
        }
    }
}
