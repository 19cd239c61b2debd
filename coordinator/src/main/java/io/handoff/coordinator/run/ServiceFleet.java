package io.handoff.coordinator.run;

import io.handoff.coordinator.process.ChildProcess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's producer and consumer processes: the current process of each instance id, every process each
 * has had (a killed consumer may be restarted under the same id), and which of them were killed on purpose.
 * Only the coordinator's own thread uses it.
 */
final class ServiceFleet {

    private final ServiceLauncher launcher;
    private final Map<String, ChildProcess> producers = new LinkedHashMap<>();
    private final Map<String, ChildProcess> consumers = new LinkedHashMap<>();
    private final List<ChildProcess> history = new ArrayList<>();
    private final Set<ChildProcess> killed = ConcurrentHashMap.newKeySet();

    ServiceFleet(ServiceLauncher launcher, int producerCount, int consumerCount) {
        this.launcher = launcher;
        for (int i = 0; i < consumerCount; i++) {
            track(consumers, launcher.consumer(i));
        }
        for (int i = 0; i < producerCount; i++) {
            track(producers, launcher.producer(i));
        }
    }

    private void track(Map<String, ChildProcess> role, ChildProcess process) {
        role.put(process.name(), process);
        history.add(process);
    }

    List<ChildProcess> producers() {
        return List.copyOf(producers.values());
    }

    List<ChildProcess> consumers() {
        return List.copyOf(consumers.values());
    }

    List<String> producerIds() {
        return List.copyOf(producers.keySet());
    }

    /** Every process the run has started for its services, in order. */
    List<ChildProcess> history() {
        return List.copyOf(history);
    }

    /** Consumers whose current process is still running. */
    List<ChildProcess> liveConsumers() {
        return consumers.values().stream().filter(ChildProcess::isAlive).toList();
    }

    void markKilled(ChildProcess process) {
        killed.add(process);
    }

    boolean wasKilled(ChildProcess process) {
        return killed.contains(process);
    }

    /** Starts a new process for a consumer whose process is gone; returns it. */
    ChildProcess restartConsumer(String instanceId) {
        ChildProcess fresh = launcher.restart(instanceId);
        track(consumers, fresh);
        return fresh;
    }
}
