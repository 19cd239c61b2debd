package io.handoff.shared.metrics;

/**
 * The names of Handoff's own meters, one catalogue for every process (Prometheus adds {@code _total},
 * {@code _seconds} and the like). Every meter also carries the tags {@code instance} and {@code role}
 * (io.handoff.shared.runtime.CommonTags). docs/METRICS.md says what each means and which dashboard panel shows it.
 */
public final class MetricNames {

    /** 1 while the coordinator serves its REST API (serve), else 0 (coordinator). */
    public static final String COORDINATOR_SERVING = "handoff.coordinator.serving";
    /** Agents heard from and alive, tagged {@code role} (coordinator). */
    public static final String COORDINATOR_AGENTS = "handoff.coordinator.agents";
    /** Runs started over the REST API (coordinator). */
    public static final String COORDINATOR_RUNS = "handoff.coordinator.runs";
    /** Runs asked for over REST and kept, by {@code state} (running, passed, failed, error). */
    public static final String COORDINATOR_JOBS = "handoff.coordinator.jobs";
    /** 1 for the {@code phase} (idle, running, draining, finished) the current or last run is in. */
    public static final String COORDINATOR_RUN_PHASE = "handoff.coordinator.run.phase";

    /** Items Kafka acknowledged (producer). */
    public static final String ITEMS_PRODUCED = "handoff.items.produced";
    /** Items applied and published as results (consumer). */
    public static final String ITEMS_CONSUMED = "handoff.items.consumed";
    /** Item created by its producer to its result written: end-to-end latency, with buckets (consumer). */
    public static final String ITEM_LATENCY = "handoff.item.latency";
    /** Records that were not valid items (consumer). */
    public static final String ITEMS_MALFORMED = "handoff.items.malformed";
    /** Dead-letter writes that failed and were tried again (the record's offset waits for the copy). */
    public static final String DEAD_LETTER_RETRIES = "handoff.dead.letter.retries";
    /** Valid items of another run, skipped (consumer). */
    public static final String ITEMS_FOREIGN = "handoff.items.foreign";
    /** Records past a partition's commit that the broker's retention deleted before any consumer read them (consumer). */
    public static final String ITEMS_EXPIRED = "handoff.items.expired";
    /** Items whose processing or result write failed (consumer). */
    public static final String ITEMS_FAILED = "handoff.items.failed";
    /** Records taken and not finished: the joinable queue's unfinished-task count (consumer). */
    public static final String ITEMS_OUTSTANDING = "handoff.items.outstanding";
    /** Depth of a bounded in-process queue, tagged {@code queue}. */
    public static final String QUEUE_DEPTH = "handoff.queue.depth";
    /** Capacity of a bounded in-process queue, tagged {@code queue}. */
    public static final String QUEUE_CAPACITY = "handoff.queue.capacity";
    /** Time generator threads spent blocked on a full queue (producer). */
    public static final String GENERATOR_BLOCKED = "handoff.generator.blocked";
    /** Items made by each generator thread, tagged {@code generator} (producer). */
    public static final String GENERATOR_ITEMS = "handoff.generator.items";
    /** Items handed to Kafka and not yet acknowledged (producer). */
    public static final String PRODUCER_IN_FLIGHT = "handoff.producer.in.flight";
    /** Items sent and not yet processed, as consumers report: the credit window's fill (producer). */
    public static final String CREDITS_UNPROCESSED = "handoff.credits.unprocessed";
    /** The credit window: most items sent and not processed before the producer waits; 0 = off. */
    public static final String CREDITS_WINDOW = "handoff.credits.window";
    /** The producer's rate limit in items per second; 0 = none. */
    public static final String PRODUCER_RATE_LIMIT = "handoff.producer.rate.limit";
    /** Partitions the consumer's connector has paused because its buffer is full (consumer). */
    public static final String PARTITIONS_PAUSED = "handoff.partitions.paused";
    /** Records on a held partition of items not yet fetched, tagged {@code topic}, {@code partition} (consumer). */
    public static final String PARTITION_LAG = "handoff.partition.lag";
    /** Partitions a consumer holds, and of those, finished by sentinels (consumer), tagged {@code state}. */
    public static final String PARTITIONS = "handoff.partitions";
    /** Worker threads that died and were replaced, their item re-run (consumer). */
    public static final String WORKERS_REPLACED = "handoff.workers.replaced";
    /** Extra time a consumer spends per item in slow mode (consumer). */
    public static final String CONSUMER_DELAY = "handoff.consumer.delay";
    /** Time from asking for an account lock to holding it, per transfer (consumer). */
    public static final String LOCK_WAIT = "handoff.lock.wait";
    /** Time a transfer held its account locks (consumer). */
    public static final String LOCK_HOLD = "handoff.lock.hold";
    /** Acquisitions of a lock the thread already held: re-entry (consumer). */
    public static final String LOCK_REENTRIES = "handoff.lock.reentries";
    /** tryLock attempts that timed out and backed off (consumer, trylock mode). */
    public static final String TRYLOCK_TIMEOUTS = "handoff.lock.trylock.timeouts";
    /** Deadlock cycles found and broken by the watchdog (consumer, naive mode). */
    public static final String DEADLOCKS_BROKEN = "handoff.lock.deadlocks.broken";
    /** Sum of ledger balances minus what the ledger opened with: lost or invented money (consumer). */
    public static final String LEDGER_DRIFT = "handoff.ledger.drift";
    /** Audit-sink permits held right now (consumer). */
    public static final String AUDIT_PERMITS_IN_USE = "handoff.audit.permits.in.use";
    /** Most audit-sink permits ever held at once (consumer). */
    public static final String AUDIT_PERMITS_HIGH_WATER = "handoff.audit.permits.high.water";
    /** Time workers waited for an audit-sink permit (consumer). */
    public static final String AUDIT_WAIT = "handoff.audit.wait";
    /** Audit writes that ran without an item context: a lost ThreadLocal across an executor hop. */
    public static final String CONTEXT_MISSING = "handoff.context.missing";
    /** Live threads, tagged {@code thread_role} and {@code kind} (platform, virtual), sampled every second. */
    public static final String THREADS_LIVE = "handoff.threads.live";
    /** Control records that were not valid commands. */
    public static final String CONTROL_REJECTED = "handoff.control.rejected";

    /** The tag naming the instance, such as {@code consumer-2}. */
    public static final String TAG_INSTANCE = "instance";
    /** The tag naming the role: {@code producer} or {@code consumer}. */
    public static final String TAG_ROLE = "role";

    /** The tag of {@link #THREADS_LIVE} naming what the threads do: worker, generator, sender, ... */
    public static final String TAG_THREAD_ROLE = "thread_role";
    /** The tag of {@link #THREADS_LIVE}: {@code platform} or {@code virtual}. */
    public static final String TAG_THREAD_KIND = "kind";

    private MetricNames() {
    }
}
