package io.handoff.shared.message;

import java.util.List;

/**
 * A process an agent launched has ended. {@code logTail} holds the last lines of its log when it failed, so the
 * coordinator can say why without reaching into the agent's file system.
 */
public record ProcessExited(String runId, String instanceId, String agentId, String launchId, long pid,
        int exitCode, long atMs, List<String> logTail) implements StatusEvent {

    public ProcessExited {
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }
}
