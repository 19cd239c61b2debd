package io.handoff.coordinator.agent;

import io.handoff.coordinator.kafka.ControlPublisher;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.coordinator.run.ServiceLauncher;
import io.handoff.coordinator.run.ServiceSettings;
import io.handoff.shared.message.AgentHello;
import io.handoff.shared.message.Role;
import io.handoff.shared.message.control.Launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Starts a run's services through agents: one {@code launch} command per instance, to the agent chosen for
 * it, then waits for that agent's report that the process is up. Instance {@code producer-i} goes to the
 * i-th producer agent (by id), {@code consumer-i} to the i-th consumer agent; a restart goes to the same one.
 */
final class AgentLauncher implements ServiceLauncher {

    /** Starting a JVM takes a second or two; an agent that says nothing for this long is not going to. */
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(30);

    private final AgentRegistry registry;
    private final KafkaEndpoint kafka;
    private final ServiceSettings settings;
    private final List<AgentHello> producerAgents;
    private final List<AgentHello> consumerAgents;
    /** Consumer agents up when the run began, by id: only agents not among them join a run under way. */
    private final Set<String> consumerAgentsAtStart = new HashSet<>();
    /** Consumer instances placed on agents that joined mid-run, by index: a restart goes to the same agent. */
    private final Map<Integer, AgentHello> joined = new HashMap<>();
    private final List<RemoteProcess> started = new ArrayList<>();

    AgentLauncher(AgentRegistry registry, KafkaEndpoint kafka, ServiceSettings settings) {
        this.registry = registry;
        this.kafka = kafka;
        this.settings = settings;
        this.producerAgents = registry.alive(Role.PRODUCER);
        this.consumerAgents = registry.alive(Role.CONSUMER);
        consumerAgents.forEach(agent -> consumerAgentsAtStart.add(agent.instanceId()));
    }

    @Override
    public ServiceProcess producer(int index) {
        return launch(ServiceSettings.producerId(index), Role.PRODUCER, pick(producerAgents, index, Role.PRODUCER),
                settings.producer(index));
    }

    @Override
    public ServiceProcess consumer(int index) {
        AgentHello agent = joined.containsKey(index) ? joined.get(index) : pick(consumerAgents, index, Role.CONSUMER);
        return launch(ServiceSettings.consumerId(index), Role.CONSUMER, agent, settings.consumer(index));
    }

    @Override
    public Optional<ServiceProcess> joiningConsumer(int index) {
        Set<String> placed = new HashSet<>(consumerAgentsAtStart);
        joined.values().forEach(agent -> placed.add(agent.instanceId()));
        Optional<AgentHello> newcomer = registry.alive(Role.CONSUMER).stream()
                .filter(agent -> !placed.contains(agent.instanceId())).findFirst();
        if (newcomer.isEmpty()) {
            return Optional.empty();
        }
        joined.put(index, newcomer.get());
        return Optional.of(consumer(index));
    }

    private static AgentHello pick(List<AgentHello> agents, int index, Role role) {
        if (index >= agents.size()) {
            throw new IllegalStateException("instance " + index + " of role " + role.name().toLowerCase()
                    + " needs an agent, and only " + agents.size() + " are up");
        }
        return agents.get(index);
    }

    private RemoteProcess launch(String instanceId, Role role, AgentHello agent, Map<String, String> env) {
        String launchId = UUID.randomUUID().toString();
        RemoteProcess process = new RemoteProcess(settings.runId(), instanceId, agent.instanceId(), launchId, kafka);
        registry.expect(process);
        started.add(process); // before it is known to be up: a late start is still stopped at the end
        try {
            ControlPublisher.send(kafka, new Launch(settings.runId(), agent.instanceId(), System.currentTimeMillis(),
                    launchId, instanceId, role, env, agent.incarnation()));
            if (!process.awaitLaunched(LAUNCH_TIMEOUT)) {
                throw new IllegalStateException("agent " + agent.instanceId() + " did not report " + instanceId
                        + " started within " + LAUNCH_TIMEOUT.toSeconds() + " s");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send the launch of " + instanceId + ": "
                    + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while launching " + instanceId, e);
        }
        return process;
    }

    @Override
    public void stopAll(Duration grace) throws InterruptedException {
        // Not only those known to run: one whose start is not reported yet must not outlive the run either.
        List<RemoteProcess> running = started.stream().filter(p -> p.exitCode().isEmpty()).toList();
        if (running.isEmpty()) {
            return;
        }
        try {
            // Also when the run is being interrupted (the service is stopping): these must go out.
            ControlPublisher.sendUninterruptibly(kafka, running.stream().map(p -> p.terminate(grace)).toList());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not ask the agents to stop " + running + ": "
                    + e.getCause().getMessage(), e);
        }
        for (RemoteProcess process : running) {
            process.awaitExit(grace.plusSeconds(5));
        }
    }
}
