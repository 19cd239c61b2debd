package io.handoff.coordinator.agent;

import io.handoff.shared.message.AgentHello;
import io.handoff.shared.message.Role;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A serving coordinator hears agents for weeks, each restarted pod under a new id: it remembers a bounded few. */
class AgentRegistryTest {

    @Test
    void forgetsAgentsSilentForTenMinutesAndTheOldestBeyondTheBound() {
        long now = 1_000_000_000_000L;
        Map<String, AgentRegistry.Seen> agents = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            put(agents, "gone-" + i, now - AgentRegistry.FORGET_AFTER.toNanos() - 1);
        }
        for (int i = 0; i < AgentRegistry.MAX_AGENTS + 5; i++) {
            put(agents, "agent-" + i, now - (AgentRegistry.MAX_AGENTS + 5 - i)); // agent-0 heard longest ago
        }

        AgentRegistry.forget(agents, now);

        assertThat(agents).hasSize(AgentRegistry.MAX_AGENTS).doesNotContainKeys("gone-0", "gone-1", "gone-2")
                .doesNotContainKeys("agent-0", "agent-4").containsKeys("agent-5", "agent-" + (AgentRegistry.MAX_AGENTS + 4));
    }

    private static void put(Map<String, AgentRegistry.Seen> agents, String id, long receivedNanos) {
        agents.put(id, new AgentRegistry.Seen(new AgentHello("", id, Role.CONSUMER, 1, "host", 0, "", Map.of(), "i-1"), receivedNanos));
    }
}
