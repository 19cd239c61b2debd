package io.handoff.coordinator.run;

import io.handoff.coordinator.kafka.ControlPublisher;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.ClassArchives;
import io.handoff.coordinator.process.FreePorts;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.process.JavaCommand;
import io.handoff.coordinator.process.ServiceProcess;

import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.message.control.Crash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Starts producer and consumer services as child JVMs of this coordinator: the embedded way to run. */
final class ChildLauncher implements ServiceLauncher {

    private final HandoffHome home;
    private final ChildProcesses processes;
    private final Path runDir;
    private final ServiceSettings settings;
    private final ScrapeTargets scrapeTargets;
    private final KafkaEndpoint kafka;
    /** How many processes each instance id has had: restarts get a log of their own. */
    private final Map<String, Integer> incarnations = new HashMap<>();

    ChildLauncher(HandoffHome home, ChildProcesses processes, Path runDir, ServiceSettings settings, KafkaEndpoint kafka) {
        this.kafka = kafka;
        this.home = home;
        this.processes = processes;
        this.runDir = runDir;
        this.settings = settings;
        this.scrapeTargets = new ScrapeTargets(runDir);
    }

    @Override
    public ServiceProcess producer(int index) {
        return start(ServiceSettings.producerId(index), home.producerJar(), settings.producer(index));
    }

    @Override
    public ServiceProcess producerContinuing(int index, long firstSeq, int ratePerSecond) {
        return start(ServiceSettings.producerId(index), home.producerJar(),
                settings.producerContinuing(index, firstSeq, ratePerSecond));
    }

    @Override
    public ServiceProcess consumer(int index) {
        return start(ServiceSettings.consumerId(index), home.consumerJar(), settings.consumer(index));
    }

    /**
     * SIGKILL, or with {@code --kill-via-control} a crash command that the service obeys by halting itself:
     * the way compose and Kubernetes crash a process, tried out here.
     */
    @Override
    public String kill(ServiceProcess process) throws ExecutionException, InterruptedException {
        if (!settings.plan().supervision().killViaControl()) {
            return ServiceLauncher.super.kill(process);
        }
        ControlPublisher.send(kafka, new Crash(settings.runId(), process.name(), System.currentTimeMillis()));
        return "crash command";
    }

    /** Nothing to do here: the run's {@link ChildProcesses} stops every child it started, broker last. */
    @Override
    public void stopAll(Duration grace) {
    }

    private ChildProcess start(String name, Path jar, Map<String, String> env) {
        // Any free port for HTTP: many services share this machine. A known one for metrics, so that
        // Prometheus can be told where to scrape (runs/prometheus-targets.json).
        int managementPort = FreePorts.next();
        // The key reaches a child through its environment only: never in a launch, never on a topic.
        env.put(ControlKey.ENV, kafka.controlKey().text());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        scrapeTargets.add(name, managementPort);
        int incarnation = incarnations.merge(name, 1, Integer::sum);
        String log = incarnation == 1 ? name + ".log" : name + ".restart-" + incarnation + ".log";
        ClassArchives.Use archive = ClassArchives.of(home).forJar(jar);
        List<String> jvm = new java.util.ArrayList<>(JavaCommand.SERVICE_JVM);
        jvm.addAll(archive.options());
        List<String> command = JavaCommand.jar(jar, jvm, List.of());
        ChildProcess child = processes.start(name, command, env, runDir.resolve(log));
        ClassArchives.of(home).watch(archive, child, command);
        return child;
    }
}
