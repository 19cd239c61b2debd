package io.handoff.shared.message.control;

import io.handoff.shared.message.Role;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * For an agent ({@code handoff agent}): start a service process for this run, as the embedded coordinator
 * starts a child JVM. The platform (compose, Kubernetes) runs the agents; the coordinator decides what runs
 * in them. {@code launchId} names this one process, so its launched and exited reports can be told apart
 * from those of an earlier process of the same instance.
 *
 * @param target     the agent's id
 * @param instanceId the service instance to run, such as {@code consumer-1}
 * @param env        the service's settings, as environment variables (the same keys in every way to run)
 * @param agentIncarnation the incarnation of the agent it is for, from that agent's hello: an agent obeys only
 *                   launches for the process it is, so a sealed launch copied to control after the agent restarted
 *                   (a fresh replay memory, reading from the end) starts nothing
 */
public record Launch(String runId, String target, long atMs, String launchId, String instanceId, Role role,
        Map<String, String> env, String agentIncarnation) implements ControlCommand {

    /**
     * The settings a launch may carry, and nothing else: the keys the coordinator's ServiceSettings writes.
     * An agent starts a JVM with them, so an open map would let whoever can write to control pass
     * {@code JAVA_TOOL_OPTIONS} (a {@code -javaagent}), {@code LD_PRELOAD} or any {@code MP_MESSAGING_*}.
     */
    public static final Set<String> SETTINGS = Set.of("KAFKA_BOOTSTRAP_SERVERS", "HANDOFF_RUN_ID",
            "HANDOFF_INSTANCE_ID", "HANDOFF_LEDGER_ACCOUNTS",
            "HANDOFF_PRODUCER_ITEMS", "HANDOFF_PRODUCER_PAYLOAD_BYTES", "HANDOFF_PRODUCER_GENERATORS",
            "HANDOFF_PRODUCER_WORK", "HANDOFF_PRODUCER_RATE_PER_SECOND", "HANDOFF_PRODUCER_CREDIT_WINDOW",
            "HANDOFF_PRODUCER_MEASURE_LIVE_HEAP", "HANDOFF_PRODUCER_HOT_ACCOUNTS", "HANDOFF_PRODUCER_AWAIT_START",
            "HANDOFF_PRODUCER_FIRST_SEQ",
            "HANDOFF_CONSUMER_WORKERS", "HANDOFF_CONSUMER_MAX_IN_FLIGHT", "HANDOFF_CONSUMER_THREADS",
            "HANDOFF_CONSUMER_LOCK_MODE", "HANDOFF_CONSUMER_LOCK_POSTING_NANOS", "HANDOFF_CONSUMER_DELAY_MS",
            "HANDOFF_CONSUMER_CHAOS_WORKER_CRASH_EVERY", "MP_MESSAGING_INCOMING_ITEMS_MAX_POLL_RECORDS",
            "MP_MESSAGING_INCOMING_ITEMS_SESSION_TIMEOUT_MS", "MP_MESSAGING_INCOMING_ITEMS_HEARTBEAT_INTERVAL_MS");
    /**
     * Ids that name files and folders ({@code runs/<runId>/<instanceId>.log}) and processes: a letter or digit,
     * then letters, digits, '.', '_' or '-', at most 100 in all, and never "..".
     */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /**
     * Setting values: numbers, labels, host:port lists (IPv6 hosts in brackets), work specs; no spaces, quotes
     * or control characters.
     */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._:,/@+=\\[\\]-]{0,1000}");

    public Launch {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(launchId, "launchId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(role, "role");
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(agentIncarnation, "agentIncarnation");
        id("agentIncarnation", agentIncarnation);
        id("runId", runId);
        id("target", target);
        id("launchId", launchId);
        id("instanceId", instanceId);
        for (Map.Entry<String, String> setting : env.entrySet()) {
            if (!SETTINGS.contains(setting.getKey())) {
                throw new IllegalArgumentException("a launch carries only Handoff's service settings; '"
                        + setting.getKey() + "' is not one (accepted: " + new java.util.TreeSet<>(SETTINGS) + ")");
            }
            if (!VALUE.matcher(setting.getValue()).matches()) {
                throw new IllegalArgumentException("setting " + setting.getKey() + " has a value outside what is"
                        + " accepted: up to 1,000 letters, digits and ._:,/@+=[]- (no spaces, quotes or control characters)");
            }
        }
    }

    private static void id(String name, String value) {
        if (!ID.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(name + " must match " + ID.pattern() + " without '..', got '"
                    + value.substring(0, Math.min(value.length(), 120)) + "'");
        }
    }
}
