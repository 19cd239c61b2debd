package io.handoff.coordinator.run;

import io.handoff.coordinator.process.ServiceProcess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The run's producer and consumer processes: the current process of each instance id, every process each
 * has had (a killed consumer may be restarted under the same id), and which of them were killed on purpose.
 * Only the coordinator's own thread uses it.
 */
final class ServiceFleet {

    private final ServiceLauncher launcher;
    private final Map<String, ServiceProcess> producers = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> consumers = new LinkedHashMap<>();
    private final List<ServiceProcess> history = new ArrayList<>();
    private final Set<ServiceProcess> killed = ConcurrentHashMap.newKeySet();
    private final List<Joined> joined = new ArrayList<>();

    /** A consumer that joined the run under way, and when ({@link System#nanoTime()} and wall clock). */
    record Joined(ServiceProcess process, long atNanos, long atMs) {
    }

    ServiceFleet(ServiceLauncher launcher, int producerCount, int consumerCount) {
        this.launcher = launcher;
        for (int i = 0; i < consumerCount; i++) {
            track(consumers, launcher.consumer(i));
        }
        for (int i = 0; i < producerCount; i++) {
            track(producers, launcher.producer(i));
        }
    }

    private void track(Map<String, ServiceProcess> role, ServiceProcess process) {
        role.put(process.name(), process);
        history.add(process);
    }

    List<ServiceProcess> producers() {
        return List.copyOf(producers.values());
    }

    List<ServiceProcess> consumers() {
        return List.copyOf(consumers.values());
    }

    List<String> producerIds() {
        return List.copyOf(producers.keySet());
    }

    /** Every process the run has started for its services, in order. */
    List<ServiceProcess> history() {
        return List.copyOf(history);
    }

    /** Consumers whose current process is still running. */
    List<ServiceProcess> liveConsumers() {
        return consumers.values().stream().filter(ServiceProcess::isAlive).toList();
    }

    /** Kills the process as this run's platform and plan say, marked as killed on purpose; returns how. */
    String kill(ServiceProcess process) throws ExecutionException, InterruptedException {
        killed.add(process);
        return launcher.kill(process);
    }

    boolean wasKilled(ServiceProcess process) {
        return killed.contains(process);
    }

    /**
     * Starts a consumer on each platform member that appeared since the run began (an agent added by
     * scaling), as the next consumer instance; returns those started. The group rebalances, and the newcomer
     * takes partitions of the run under way.
     */
    List<ServiceProcess> joinConsumers() {
        List<ServiceProcess> now = new ArrayList<>();
        Optional<ServiceProcess> next;
        while ((next = launcher.joiningConsumer(consumers.size())).isPresent()) {
            track(consumers, next.get());
            joined.add(new Joined(next.get(), System.nanoTime(), System.currentTimeMillis()));
            now.add(next.get());
        }
        return now;
    }

    List<Joined> joined() {
        return List.copyOf(joined);
    }

    /** Starts one more consumer instance, numbered after the last; returns it. */
    ServiceProcess addConsumer() {
        ServiceProcess joined = launcher.consumer(consumers.size());
        track(consumers, joined);
        return joined;
    }

    /** Marks a process as ended on purpose by the run (it is stopped, not crashed), before it is told to end. */
    void endingOnPurpose(ServiceProcess process) {
        killed.add(process);
    }

    /**
     * Starts a new process for a producer whose process is gone, continuing at {@code firstSeq} at
     * {@code ratePerSecond}; returns it.
     */
    ServiceProcess restartProducer(String instanceId, long firstSeq, int ratePerSecond) {
        ServiceProcess fresh = launcher.producerContinuing(ServiceSettings.indexOf(instanceId), firstSeq, ratePerSecond);
        track(producers, fresh);
        return fresh;
    }

    /** Starts a new process for a consumer whose process is gone; returns it. */
    ServiceProcess restartConsumer(String instanceId) {
        ServiceProcess fresh = launcher.restart(instanceId);
        track(consumers, fresh);
        return fresh;
    }
}
