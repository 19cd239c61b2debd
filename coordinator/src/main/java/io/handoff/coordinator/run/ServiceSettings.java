package io.handoff.coordinator.run;

import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.config.LockMode;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings a run gives each producer and consumer, as environment variables: the same keys a child JVM,
 * a container or a Kubernetes pod gets, so all three ways to run share one configuration.
 *
 * @param sessionTimeoutMs how soon the group gives a silent consumer's partitions to others: as short as the
 *                         broker allows, so that a killed consumer is noticed quickly
 */
public record ServiceSettings(String runId, String bootstrap, RunPlan plan, long sessionTimeoutMs) {

    /**
     * Records a consumer may hold taken and unfinished. Passed explicitly, because the isolation check's
     * bound on redone work depends on it.
     */
    static final int CONSUMER_MAX_IN_FLIGHT = 4000;

    /**
     * The same for consumers slowed down on purpose: by Little's law a consumer at a few hundred items a second
     * needs few in hand, and a deep in-process queue would only add latency and work redone after a crash.
     */
    public static final int SLOW_CONSUMER_MAX_IN_FLIGHT = 1000;

    /** Records each consumer of this plan may hold taken and unfinished. */
    public static int consumerMaxInFlight(RunPlan plan) {
        return plan.flow().consumerDelayMs() > 0 ? SLOW_CONSUMER_MAX_IN_FLIGHT : CONSUMER_MAX_IN_FLIGHT;
    }

    /**
     * Nanoseconds a transfer holds its locks, where the lock mode's lesson needs a window (a race to lose, a
     * deadlock to form, a tryLock to time out); the default {@code ordered} mode holds them for no extra time.
     */
    static final long LOCK_LESSON_POSTING_NANOS = 2000;

    public static String producerId(int index) {
        return "producer-" + index;
    }

    public static String consumerId(int index) {
        return "consumer-" + index;
    }

    public static boolean isProducer(String instanceId) {
        return instanceId.startsWith("producer-");
    }

    /** The index in an instance id such as {@code consumer-2}. */
    public static int indexOf(String instanceId) {
        return Integer.parseInt(instanceId.substring(instanceId.lastIndexOf('-') + 1));
    }

    public Map<String, String> producer(int index) {
        Map<String, String> env = common(producerId(index));
        env.put("HANDOFF_PRODUCER_ITEMS", Long.toString(plan.itemsFor(index)));
        env.put("HANDOFF_PRODUCER_PAYLOAD_BYTES", Integer.toString(plan.shape().payloadBytes()));
        env.put("HANDOFF_PRODUCER_GENERATORS", Integer.toString(plan.services().generators()));
        env.put("HANDOFF_PRODUCER_WORK", plan.services().work().toString());
        env.put("HANDOFF_PRODUCER_RATE_PER_SECOND", Integer.toString(plan.flow().ratePerSecond()));
        env.put("HANDOFF_PRODUCER_CREDIT_WINDOW", Long.toString(plan.flow().creditWindow()));
        env.put("HANDOFF_PRODUCER_MEASURE_LIVE_HEAP", Boolean.toString(plan.flow().measureHeap()));
        env.put("HANDOFF_PRODUCER_HOT_ACCOUNTS", Integer.toString(plan.services().hotAccounts()));
        // Producers wait for the coordinator's start, sent once every consumer holds its partitions.
        env.put("HANDOFF_PRODUCER_AWAIT_START", "true");
        return env;
    }

    /**
     * Producer {@code index} started again after its process died: it continues at {@code firstSeq}, past every
     * number its predecessor wrote, at the rate the run last set (a rate command it would not have heard), and
     * begins at once (the run's start went out long ago).
     */
    public Map<String, String> producerContinuing(int index, long firstSeq, int ratePerSecond) {
        Map<String, String> env = producer(index);
        env.put("HANDOFF_PRODUCER_RATE_PER_SECOND", Integer.toString(ratePerSecond));
        env.put("HANDOFF_PRODUCER_FIRST_SEQ", Long.toString(firstSeq));
        env.put("HANDOFF_PRODUCER_AWAIT_START", "false");
        return env;
    }

    public Map<String, String> consumer(int index) {
        Map<String, String> env = common(consumerId(index));
        env.put("HANDOFF_CONSUMER_WORKERS", Integer.toString(plan.services().workers()));
        env.put("HANDOFF_CONSUMER_MAX_IN_FLIGHT", Integer.toString(consumerMaxInFlight(plan)));
        if (plan.flow().consumerDelayMs() > 0) {
            // Smaller polls, so that several fit under the smaller bound and the workers never wait for a whole one.
            env.put("MP_MESSAGING_INCOMING_ITEMS_MAX_POLL_RECORDS", Integer.toString(SLOW_CONSUMER_MAX_IN_FLIGHT / 4));
        }
        env.put("HANDOFF_CONSUMER_THREADS", plan.services().threads().label());
        env.put("HANDOFF_CONSUMER_LOCK_MODE", plan.services().lockMode().label());
        env.put("HANDOFF_CONSUMER_LOCK_POSTING_NANOS",
                Long.toString(plan.services().lockMode() == LockMode.ORDERED ? 0 : LOCK_LESSON_POSTING_NANOS));
        env.put("HANDOFF_CONSUMER_DELAY_MS", Integer.toString(plan.flow().consumerDelayMs()));
        env.put("HANDOFF_CONSUMER_CHAOS_WORKER_CRASH_EVERY", Long.toString(plan.flow().workerCrashEvery()));
        env.put("MP_MESSAGING_INCOMING_ITEMS_SESSION_TIMEOUT_MS", Long.toString(sessionTimeoutMs));
        env.put("MP_MESSAGING_INCOMING_ITEMS_HEARTBEAT_INTERVAL_MS", Long.toString(Math.max(250, sessionTimeoutMs / 4)));
        return env;
    }

    private Map<String, String> common(String instanceId) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("HANDOFF_RUN_ID", runId);
        env.put("HANDOFF_INSTANCE_ID", instanceId);
        env.put("HANDOFF_LEDGER_ACCOUNTS", Integer.toString(plan.services().accounts()));
        return env;
    }
}
