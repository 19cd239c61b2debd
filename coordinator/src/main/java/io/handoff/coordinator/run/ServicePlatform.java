package io.handoff.coordinator.run;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.HandoffHome;

import java.nio.file.Path;

/**
 * Where a run's services run. {@link #children} starts them as child JVMs of this coordinator (the embedded
 * way); a platform of agents (compose, Kubernetes) starts them in other containers.
 */
public interface ServicePlatform {

    /** Whether the services' jars must be built here. */
    boolean runsHere();

    /**
     * The launcher for one run.
     *
     * @param kafka     the run's cluster, and the key its services must be given to obey its commands
     * @param processes the run's child processes, for platforms that start them here
     * @param runDir    the run's folder, for logs kept here
     */
    ServiceLauncher launcher(ServiceSettings settings, KafkaEndpoint kafka, ChildProcesses processes, Path runDir);

    static ServicePlatform children(HandoffHome home) {
        return new ServicePlatform() {
            @Override
            public boolean runsHere() {
                return true;
            }

            @Override
            public ServiceLauncher launcher(ServiceSettings settings, KafkaEndpoint kafka, ChildProcesses processes,
                    Path runDir) {
                return new ChildLauncher(home, processes, runDir, settings, kafka);
            }
        };
    }
}
