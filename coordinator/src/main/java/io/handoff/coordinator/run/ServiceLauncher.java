package io.handoff.coordinator.run;

import io.handoff.coordinator.process.ServiceProcess;

import java.time.Duration;

/**
 * Starts a run's producer and consumer processes: as child JVMs here ({@link ChildLauncher}), or through
 * agents on other hosts ({@code AgentLauncher}). The run drives both the same way.
 */
public interface ServiceLauncher {

    ServiceProcess producer(int index);

    ServiceProcess consumer(int index);

    /** Starts the named instance again, as a new process (a restart after a kill). */
    ServiceProcess restart(String instanceId);

    /** Stops, SIGTERM first and SIGKILL after {@code grace}, every process it started that still runs. */
    void stopAll(Duration grace) throws InterruptedException;
}
