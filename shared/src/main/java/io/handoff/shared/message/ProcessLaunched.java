package io.handoff.shared.message;

/**
 * An agent started the process a {@code launch} command asked for; {@code pid} is that process's, {@code log}
 * where its output goes on the agent's host.
 */
public record ProcessLaunched(String runId, String instanceId, String agentId, String launchId, long pid, String log,
        long atMs)
        implements StatusEvent {
}
