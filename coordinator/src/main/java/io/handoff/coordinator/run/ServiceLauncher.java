package io.handoff.coordinator.run;

import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.process.JavaCommand;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts producer and consumer services as child JVMs. Each gets its settings as environment variables:
 * the same keys a container or a Kubernetes pod gets, so all three ways to run share one configuration.
 */
final class ServiceLauncher {

    /**
     * Small heaps and the serial collector: many JVMs share few cores, and each holds little data. C1 only
     * (TieredStopAtLevel=1): seven JVMs compiling with C2 at once spend a third of a 2-core machine on the
     * JIT during a run of seconds; measured, a 200,000-item run took 50 s with C2 and 34 s without.
     */
    private static final List<String> SERVICE_JVM = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    /**
     * Records a consumer may hold taken and unfinished. Passed explicitly, because the isolation check's
     * bound on redone work depends on it.
     */
    static final int CONSUMER_MAX_IN_FLIGHT = 1000;

    private final HandoffHome home;
    private final ChildProcesses processes;
    private final Path runDir;
    private final String runId;
    private final String bootstrap;
    private final RunPlan plan;
    /** How many processes each instance id has had: restarts get a log of their own. */
    private final Map<String, Integer> incarnations = new HashMap<>();

    ServiceLauncher(HandoffHome home, ChildProcesses processes, Path runDir, String runId, String bootstrap,
            RunPlan plan) {
        this.home = home;
        this.processes = processes;
        this.runDir = runDir;
        this.runId = runId;
        this.bootstrap = bootstrap;
        this.plan = plan;
    }

    static String producerId(int index) {
        return "producer-" + index;
    }

    static String consumerId(int index) {
        return "consumer-" + index;
    }

    /** Starts the named instance again, as a new process (a restart after a kill). */
    ChildProcess restart(String instanceId) {
        int index = Integer.parseInt(instanceId.substring(instanceId.lastIndexOf('-') + 1));
        return instanceId.startsWith("producer-") ? producer(index) : consumer(index);
    }

    ChildProcess producer(int index) {
        Map<String, String> env = common(producerId(index));
        env.put("HANDOFF_PRODUCER_ITEMS", Long.toString(plan.itemsFor(index)));
        env.put("HANDOFF_PRODUCER_PAYLOAD_BYTES", Integer.toString(plan.payloadBytes()));
        env.put("HANDOFF_PRODUCER_GENERATORS", Integer.toString(plan.generators()));
        env.put("HANDOFF_PRODUCER_WORK", plan.work().toString());
        env.put("HANDOFF_PRODUCER_RATE_PER_SECOND", Integer.toString(plan.flow().ratePerSecond()));
        env.put("HANDOFF_PRODUCER_CREDIT_WINDOW", Long.toString(plan.flow().creditWindow()));
        env.put("HANDOFF_PRODUCER_MEASURE_LIVE_HEAP", Boolean.toString(plan.flow().measureHeap()));
        env.put("HANDOFF_PRODUCER_HOT_ACCOUNTS", Integer.toString(plan.hotAccounts()));
        // Producers wait for the coordinator's start, sent once every consumer holds its partitions.
        env.put("HANDOFF_PRODUCER_AWAIT_START", "true");
        return start(producerId(index), home.producerJar(), env);
    }

    ChildProcess consumer(int index) {
        Map<String, String> env = common(consumerId(index));
        env.put("HANDOFF_CONSUMER_WORKERS", Integer.toString(plan.workers()));
        env.put("HANDOFF_CONSUMER_MAX_IN_FLIGHT", Integer.toString(CONSUMER_MAX_IN_FLIGHT));
        env.put("HANDOFF_CONSUMER_THREADS", plan.threads().label());
        env.put("HANDOFF_CONSUMER_LOCK_MODE", plan.lockMode().label());
        env.put("HANDOFF_CONSUMER_DELAY_MS", Integer.toString(plan.flow().consumerDelayMs()));
        env.put("HANDOFF_CONSUMER_CHAOS_WORKER_CRASH_EVERY", Long.toString(plan.flow().workerCrashEvery()));
        return start(consumerId(index), home.consumerJar(), env);
    }

    private Map<String, String> common(String instanceId) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("HANDOFF_RUN_ID", runId);
        env.put("HANDOFF_INSTANCE_ID", instanceId);
        env.put("HANDOFF_LEDGER_ACCOUNTS", Integer.toString(plan.accounts()));
        // Any free port: many services share this machine.
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        return env;
    }

    private ChildProcess start(String name, Path jar, Map<String, String> env) {
        int incarnation = incarnations.merge(name, 1, Integer::sum);
        String log = incarnation == 1 ? name + ".log" : name + ".restart-" + incarnation + ".log";
        return processes.start(name, JavaCommand.jar(jar, SERVICE_JVM, List.of()), env, runDir.resolve(log));
    }
}
