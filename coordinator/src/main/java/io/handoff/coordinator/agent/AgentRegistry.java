package io.handoff.coordinator.agent;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.kafka.StartOffsets;
import io.handoff.coordinator.kafka.TopicTail;
import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.AgentHello;
import io.handoff.shared.message.ProcessExited;
import io.handoff.shared.message.ProcessLaunched;
import io.handoff.shared.message.Role;
import io.handoff.shared.message.StatusEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The serving coordinator's view of its agents, from the {@code status} topic: who is up (a heartbeat in the
 * last few seconds) and what became of each process they launched. One tail thread writes; REST handlers and
 * the run's thread read, through concurrent maps.
 */
public final class AgentRegistry implements AutoCloseable {

    /** An agent silent for longer than this is taken for gone: three missed heartbeats. */
    static final Duration ALIVE_WITHIN = Duration.ofSeconds(3);

    /** An agent's latest heartbeat, and when this coordinator received it. */
    public record Seen(AgentHello hello, long receivedNanos) {
        public boolean alive() {
            return System.nanoTime() - receivedNanos < ALIVE_WITHIN.toNanos();
        }
    }

    /** An agent silent this long is forgotten: on Kubernetes every restarted pod comes back with a new id. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /** The most agents remembered at once, the oldest heard forgotten first. */
    static final int MAX_AGENTS = 1_000;

    private final Map<String, Seen> agents = new ConcurrentHashMap<>();
    /** Processes asked for and not yet ended, by launch id: their launched and exited reports go to them. */
    private final Map<String, RemoteProcess> pending = new ConcurrentHashMap<>();
    private final TopicTail tail;

    public AgentRegistry(KafkaEndpoint kafka) throws ExecutionException, InterruptedException {
        // From the end: agents say hello every second, so the present is all this needs.
        try (Admin admin = kafka.admin()) {
            this.tail = new TopicTail("agent-registry", kafka, StartOffsets.endOf(admin, List.of(Topics.STATUS)),
                    this::accept, () -> { });
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        StatusEvent event;
        try {
            event = Json.read(record.value(), StatusEvent.class);
        } catch (IOException e) {
            return; // the run's own status board counts unreadable records
        }
        switch (event) {
            case AgentHello hello -> {
                agents.put(hello.instanceId(), new Seen(hello, System.nanoTime()));
                forget(agents, System.nanoTime());
            }
            case ProcessLaunched launched -> {
                RemoteProcess process = pending.get(launched.launchId());
                if (process != null) {
                    process.launched(launched);
                }
            }
            case ProcessExited exited -> {
                RemoteProcess process = pending.remove(exited.launchId());
                if (process != null) {
                    process.exited(exited);
                }
            }
            default -> {
                // the services' own status: the run's board reads it
            }
        }
    }

    /** Agents heard from lately, of one role, by id. */
    public List<AgentHello> alive(Role role) {
        return agents.values().stream().filter(Seen::alive).map(Seen::hello).filter(h -> h.role() == role)
                .sorted(Comparator.comparing(AgentHello::instanceId)).toList();
    }

    /** Drops agents silent for {@link #FORGET_AFTER}, then the oldest heard beyond {@link #MAX_AGENTS}. */
    static void forget(Map<String, Seen> agents, long nowNanos) {
        agents.values().removeIf(seen -> nowNanos - seen.receivedNanos() > FORGET_AFTER.toNanos());
        if (agents.size() > MAX_AGENTS) {
            agents.values().stream().sorted(Comparator.comparingLong(Seen::receivedNanos))
                    .limit(agents.size() - MAX_AGENTS).toList()
                    .forEach(oldest -> agents.remove(oldest.hello().instanceId(), oldest));
        }
    }

    /** Every agent heard from in the last ten minutes (at most {@link #MAX_AGENTS}), alive or not, by id. */
    public List<Seen> all() {
        return agents.values().stream().sorted(Comparator.comparing(s -> s.hello().instanceId())).toList();
    }

    /** Routes the reports about {@code process}'s launch to it; call before sending the launch command. */
    void expect(RemoteProcess process) {
        pending.put(process.launchId(), process);
    }

    public boolean isRunning() {
        return tail.isRunning();
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
