package io.handoff.shared.message;

import java.util.Map;

/**
 * An agent's heartbeat, once a second: it is up, which role it hosts, and which launch it runs now (empty
 * when idle). {@code runId} is the run of that launch, or empty. {@code controlRefused} counts the control
 * records it did not obey, by reason ({@code unsigned}, {@code forged}, {@code replayed}, ...). {@code incarnation}
 * is random per agent process: launches name it, so a launch for an earlier process of this agent is not obeyed.
 */
public record AgentHello(String runId, String instanceId, Role role, long pid, String host, long atMs,
        String runningLaunchId, Map<String, Long> controlRefused, String incarnation) implements StatusEvent {

    public AgentHello {
        controlRefused = controlRefused == null ? Map.of() : Map.copyOf(controlRefused);
    }
}
