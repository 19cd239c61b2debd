package io.handoff.shared.message;

/** An instance announces itself once it is ready: who it is and which process it runs in. */
public record Hello(String runId, String instanceId, Role role, long pid, String host, long atMs)
        implements StatusEvent {
}
