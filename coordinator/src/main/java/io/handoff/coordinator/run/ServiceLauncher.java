package io.handoff.coordinator.run;

import io.handoff.coordinator.process.ServiceProcess;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Starts a run's producer and consumer processes: as child JVMs here ({@link ChildLauncher}), or through
 * agents on other hosts ({@code AgentLauncher}). The run drives both the same way.
 */
public interface ServiceLauncher {

    ServiceProcess producer(int index);

    ServiceProcess consumer(int index);

    /** Starts the named instance again, as a new process (a restart after a kill). */
    default ServiceProcess restart(String instanceId) {
        int index = ServiceSettings.indexOf(instanceId);
        return ServiceSettings.isProducer(instanceId) ? producer(index) : consumer(index);
    }

    /**
     * Starts producer {@code index} again after its process died, continuing at {@code firstSeq} at the rate the
     * run last set ({@code ratePerSecond}, 0 = none). Only a coordinator that starts its services itself does: an
     * agent's restart goes through its platform.
     */
    default ServiceProcess producerContinuing(int index, long firstSeq, int ratePerSecond) {
        throw new UnsupportedOperationException("a producer is started again mid-run only by the coordinator that"
                + " started it (./handoff run)");
    }

    /** Ends the process as a crash would, the way this platform can; returns how, for people. */
    default String kill(ServiceProcess process) throws ExecutionException, InterruptedException {
        process.kill();
        return process.killMethod();
    }

    /**
     * Starts consumer {@code index} on a platform member that appeared after the run began (a consumer agent
     * that scaling added), so that the run it arrived during gets its help; empty when there is none, and
     * always on platforms without members that come and go.
     */
    default Optional<ServiceProcess> joiningConsumer(int index) {
        return Optional.empty();
    }

    /** Stops, SIGTERM first and SIGKILL after {@code grace}, every process it started that still runs. */
    void stopAll(Duration grace) throws InterruptedException;
}
