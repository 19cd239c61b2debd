package io.handoff.shared.message;

/**
 * An agent's heartbeat, once a second: it is up, which role it hosts, and which launch it runs now (empty
 * when idle). {@code runId} is the run of that launch, or empty.
 */
public record AgentHello(String runId, String instanceId, Role role, long pid, String host, long atMs,
        String runningLaunchId) implements StatusEvent {
}
