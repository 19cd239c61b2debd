package io.handoff.coordinator.agent;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.run.ServiceLauncher;
import io.handoff.coordinator.run.ServicePlatform;
import io.handoff.coordinator.run.ServiceSettings;

import java.nio.file.Path;

/** Services run by agents on other hosts (compose services, Kubernetes pods), driven over the control topic. */
public record AgentPlatform(AgentRegistry registry, KafkaEndpoint kafka) implements ServicePlatform {

    @Override
    public boolean runsHere() {
        return false;
    }

    @Override
    public ServiceLauncher launcher(ServiceSettings settings, KafkaEndpoint kafka, ChildProcesses processes, Path runDir) {
        return new AgentLauncher(registry, kafka, settings);
    }
}
