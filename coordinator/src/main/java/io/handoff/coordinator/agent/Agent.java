package io.handoff.coordinator.agent;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.kafka.StartOffsets;
import io.handoff.coordinator.kafka.TopicSetup;
import io.handoff.coordinator.kafka.TopicTail;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.process.JavaCommand;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.run.RunFolders;
import io.handoff.shared.auth.ControlGate;
import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.auth.Rejection;
import io.handoff.shared.runtime.RejectionLog;
import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.AgentHello;
import io.handoff.shared.message.ProcessExited;
import io.handoff.shared.message.ProcessLaunched;
import io.handoff.shared.message.Role;
import io.handoff.shared.message.StatusEvent;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Launch;
import io.handoff.shared.message.control.Terminate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code handoff agent}: the platform's side of a distributed run. Compose or Kubernetes keeps one agent per
 * container up; the serving coordinator tells it, over the {@code control} topic, which service process to
 * run for which run, and the agent starts it as its child, reports its pid and, when it ends, its exit code
 * and last log lines on the {@code status} topic. One run, one process: each run's services start fresh,
 * as in the embedded mode, and a crashed one is started again only when the coordinator says so.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Agent.class);
    private static final JsonSerializer<StatusEvent> JSON = new JsonSerializer<>();
    /** The HTTP port of the services this agent runs (default: any free port). */
    public static final String SERVICE_HTTP_PORT = "HANDOFF_SERVICE_HTTP_PORT";
    /** The management port (metrics) of the services this agent runs (default: any free port). */
    public static final String SERVICE_MANAGEMENT_PORT = "HANDOFF_SERVICE_MANAGEMENT_PORT";
    /** Lines of a failed process's log sent with its exit report. */
    private static final int LOG_LINES = 30;

    private final String id;
    private final Role role;
    private final KafkaEndpoint kafka;
    private final HandoffHome home;
    private final Console console;
    private final String host;
    private final ChildProcesses children = new ChildProcesses();
    /** The processes this agent runs now, by launch id; the tail thread adds, exit callbacks remove. */
    private final Map<String, ChildProcess> running = new ConcurrentHashMap<>();
    /**
     * Service processes one agent runs at once. A run gives an agent one, and its restart comes after the
     * killed one has ended; a few more leave room for a late exit report, and none for a flood of launches.
     */
    static final int MAX_RUNNING = 4;
    /** Processes each instance has had here: a restart gets a log of its own. */
    private final Map<String, Integer> incarnations = new ConcurrentHashMap<>();
    private final KafkaProducer<byte[], byte[]> status;
    private final ScheduledExecutorService heartbeat;
    private final TopicTail control;
    private volatile String latestLaunch = "";
    private volatile String latestRun = "";
    /** Random per process: the coordinator names it in each launch, so a launch for an earlier process is refused. */
    private final String incarnation = io.handoff.shared.auth.Secrets.generate().substring(0, 16);
    /** Obeys only commands sealed with the serving coordinator's key, each once. */
    private final ControlGate gate;
    /** Control records refused, by reason: reported in every hello, so serve's agent list shows them. */
    private final Map<Rejection, Long> refused = new ConcurrentHashMap<>();
    private final RejectionLog rejections = new RejectionLog(LOG, "a control record");

    public Agent(String id, Role role, KafkaEndpoint kafka, HandoffHome home, Console console)
            throws ExecutionException, InterruptedException {
        this.id = id;
        this.role = role;
        this.kafka = kafka;
        this.home = home;
        this.console = console;
        this.gate = new ControlGate(kafka.controlKey());
        this.host = hostName();
        try (Admin admin = kafka.admin()) {
            TopicSetup.ensureSingles(admin);
            this.status = kafka.writer();
            // From the end: a launch sent before this agent was up was meant for an agent that was up.
            this.control = new TopicTail("agent-control", kafka, StartOffsets.endOf(admin, List.of(Topics.CONTROL)),
                    this::onControl, () -> { });
        }
        // A daemon: the heartbeat only reports; the agent's main thread decides when it ends.
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("agent-heartbeat").daemon().factory());
        heartbeat.scheduleAtFixedRate(this::sayHello, 0, 1, TimeUnit.SECONDS);
        console.say("agent %s (%s) on %s: waiting for launch commands on %s at %s", id,
                role.name().toLowerCase(), host, Topics.CONTROL, kafka.bootstrapServers());
    }

    private void onControl(ConsumerRecord<byte[], byte[]> record) {
        ControlCommand command;
        switch (gate.check(record.headers(), record.value(), this::addressedHere)) {
            case ControlGate.Outcome.Refuse refuse -> {
                refused.merge(refuse.reason(), 1L, Long::sum);
                rejections.rejected("at offset " + record.offset() + " (" + refuse.reason().label() + "): "
                        + refuse.why());
                return;
            }
            case ControlGate.Outcome.Ignore ignore -> {
                return; // addressed to services or to other agents
            }
            case ControlGate.Outcome.Obey obey -> command = obey.command();
        }
        switch (command) {
            case Launch launch when launch.target().equals(id) -> launch(launch);
            case Terminate terminate when terminate.target().equals(id) -> terminate(terminate);
            default -> {
                // addressed to services or to other agents
            }
        }
    }

    /** Launches and terminations for this agent; every other command is the services' or other agents'. */
    private boolean addressedHere(ControlCommand command) {
        return (command instanceof Launch || command instanceof Terminate) && command.target().equals(id);
    }

    private void launch(Launch launch) {
        if (!launch.agentIncarnation().equals(incarnation)) {
            // Sealed, and new to this process's replay memory, but meant for an earlier process of this agent: a
            // copy written after a restart, or a launch that raced the restart. Either way not this process's.
            refused.merge(Rejection.REPLAYED, 1L, Long::sum);
            rejections.rejected("launch " + launch.launchId() + " of " + launch.instanceId() + " for incarnation "
                    + launch.agentIncarnation() + ", not this one (" + incarnation + ")");
            return;
        }
        if (launch.role() != role) {
            LOG.errorf("refused %s: this agent runs %s services", launch, role);
            return;
        }
        Path jar = role == Role.PRODUCER ? home.producerJar() : home.consumerJar();
        Map<String, String> env = new HashMap<>(launch.env());
        // This agent knows how its host reaches Kafka and which ports its services may take: fixed ones in a
        // container (so Prometheus finds the metrics), any free one where agents share a machine.
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // The key comes from this agent's own configuration, never from the launch: it is not on any topic.
        env.put(ControlKey.ENV, kafka.controlKey().text());
        env.put("QUARKUS_HTTP_PORT", System.getenv().getOrDefault(SERVICE_HTTP_PORT, "0"));
        env.put("QUARKUS_MANAGEMENT_PORT", System.getenv().getOrDefault(SERVICE_MANAGEMENT_PORT, "0"));
        try {
            if (running.size() >= MAX_RUNNING) {
                throw new IllegalStateException(running.size() + " processes running already (at most " + MAX_RUNNING
                        + " at once)");
            }
            // The newest runs' logs only, as the coordinator keeps its own: an agent lives for weeks.
            Path dir = RunFolders.create(home.runsDir(), launch.runId());
            int incarnation = incarnations.merge(launch.runId() + "/" + launch.instanceId(), 1, Integer::sum);
            String log = launch.instanceId() + (incarnation == 1 ? "" : ".restart-" + incarnation) + ".log";
            Path logFile = dir.resolve(log);
            ChildProcess child = children.start(launch.instanceId(),
                    JavaCommand.jar(jar, JavaCommand.SERVICE_JVM, List.of()), env, logFile);
            running.put(launch.launchId(), child);
            latestLaunch = launch.launchId();
            latestRun = launch.runId();
            console.say("agent %s: run %s: started %s as pid %d", id, launch.runId(), launch.instanceId(), child.pid());
            publish(new ProcessLaunched(launch.runId(), launch.instanceId(), id, launch.launchId(), child.pid(),
                    logFile.toString(), System.currentTimeMillis()));
            child.onExit(() -> exited(launch, child));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "could not launch %s", launch.instanceId());
            publish(new ProcessExited(launch.runId(), launch.instanceId(), id, launch.launchId(), -1, 127,
                    System.currentTimeMillis(), List.of("agent " + id + " could not start the process: " + e)));
        }
    }

    private void exited(Launch launch, ChildProcess child) {
        running.remove(launch.launchId());
        int code = child.exitCode().orElse(-1);
        console.say("agent %s: run %s: %s (pid %d) exited with code %d", id, launch.runId(), launch.instanceId(),
                child.pid(), code);
        publish(new ProcessExited(launch.runId(), launch.instanceId(), id, launch.launchId(), child.pid(), code,
                System.currentTimeMillis(), code == 0 ? List.of() : child.logTail(LOG_LINES)));
    }

    private void terminate(Terminate terminate) {
        ChildProcess child = running.get(terminate.launchId());
        if (child == null) {
            return; // ended already; its exit report is on its way or sent
        }
        console.say("agent %s: stopping %s (pid %d), as the coordinator asks", id, child.name(), child.pid());
        // Not on the tail's thread: a stop waits out the grace period, and the tail must keep reading.
        Thread.ofPlatform().name("agent-stop-" + child.name()).start(() -> {
            try {
                child.stop(Duration.ofMillis(terminate.graceMs()));
            } catch (InterruptedException e) {
                child.kill();
            }
        });
    }

    private void sayHello() {
        publish(new AgentHello(latestRun, id, role, ProcessHandle.current().pid(), host, System.currentTimeMillis(),
                running.containsKey(latestLaunch) ? latestLaunch : "",
                refused.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().label(),
                        Map.Entry::getValue)), incarnation));
    }

    private void publish(StatusEvent event) {
        status.send(new ProducerRecord<>(Topics.STATUS, JSON.serialize(Topics.STATUS, event)), (metadata, error) -> {
            if (error != null) {
                LOG.warnf("could not report %s: %s", event.getClass().getSimpleName(), error.getMessage());
            }
        });
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** Stops every process it runs (SIGTERM, SIGKILL after 10 s), then its Kafka clients. */
    @Override
    public void close() throws InterruptedException {
        heartbeat.shutdownNow();
        control.close();
        children.close();
        status.close(Duration.ofSeconds(5));
    }
}
