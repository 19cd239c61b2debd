package io.handoff.shared.message.control;

import io.handoff.shared.message.Role;

import java.util.Map;
import java.util.Objects;

/**
 * For an agent ({@code handoff agent}): start a service process for this run, as the embedded coordinator
 * starts a child JVM. The platform (compose, Kubernetes) runs the agents; the coordinator decides what runs
 * in them. {@code launchId} names this one process, so its launched and exited reports can be told apart
 * from those of an earlier process of the same instance.
 *
 * @param target     the agent's id
 * @param instanceId the service instance to run, such as {@code consumer-1}
 * @param env        the service's settings, as environment variables (the same keys in every way to run)
 */
public record Launch(String runId, String target, long atMs, String launchId, String instanceId, Role role,
        Map<String, String> env) implements ControlCommand {

    public Launch {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(launchId, "launchId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(role, "role");
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }
}
