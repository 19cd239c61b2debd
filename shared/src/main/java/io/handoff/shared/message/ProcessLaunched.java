package io.handoff.shared.message;

/** An agent started the process a {@code launch} command asked for; {@code pid} is that process's. */
public record ProcessLaunched(String runId, String instanceId, String agentId, String launchId, long pid, long atMs)
        implements StatusEvent {
}
