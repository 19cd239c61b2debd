package io.handoff.coordinator.scenario;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated description of one run: every number here is within its accepted range. Made with
 * {@link #builder()}, whose defaults are those of {@code ./handoff run}.
 *
 * @param scenario  what the run is called on the live page and in its report: a scenario's name, or "run"
 * @param shape     how many of each process, items and partitions
 * @param services  how the services do their work
 * @param flow      rates, delays and the credit window: how items flow
 * @param ending    when producers stop: after their items, or on a stop sent after a while
 * @param supervision what becomes of a consumer killed or dead mid-run, and how the coordinator kills one
 * @param bootstrap an existing Kafka cluster to use; empty to start the embedded broker
 * @param report    where to write the JSON report, if anywhere
 * @param malformed bad records to inject into {@code items} before the start
 * @param auditItems read {@code items} too, and expect on {@code results} exactly what Kafka acknowledged there
 *                  (a producer killed mid-run never reports what it sent)
 * @param retention how long the run's own broker keeps records: empty, Kafka's week; a soak's hours would
 *                  otherwise fill the disk, and what it keeps is what it measures
 * @param timeout   the run is aborted if it has not finished by then
 * @param quiet     print only the verdict and errors
 */
public record RunPlan(String scenario, Shape shape, Services services, Flow flow, Ending ending, Supervision supervision,
        Optional<String> bootstrap, Optional<Path> report, int malformed, boolean auditItems,
        Optional<Duration> retention, Duration timeout, boolean quiet) {

    /** The one rule every way to plan a run must keep; each front end also says it in its own words. */
    public RunPlan {
        Objects.requireNonNull(scenario, "scenario");
        if (shape.items() > 0 && shape.items() < shape.producers()) {
            throw new IllegalArgumentException("items (" + shape.items() + ") must be at least the number of producers ("
                    + shape.producers() + "): every producer sends at least one item");
        }
    }

    /**
     * How many of each.
     *
     * @param items        items in total, shared among the producers as evenly as possible; 0: until stopped
     * @param payloadBytes the payload of each item
     */
    public record Shape(int producers, int consumers, long items, int partitions, int payloadBytes) {
    }

    /**
     * How the services work.
     *
     * @param workers     worker threads per consumer
     * @param generators  generator threads per producer
     * @param accounts    accounts in each consumer's ledger
     * @param lockMode    how consumers' ledgers guard transfers
     * @param threads     what consumers' workers are made of
     * @param work        what each item asks of its consumer before the transfer
     * @param hotAccounts accounts that receive half of all transfers, to make locks contended
     */
    public record Services(int workers, int generators, int accounts, LockMode lockMode, ThreadKind threads, Work work,
            int hotAccounts) {
        public static final Services DEFAULT = new Services(4, 2, 1_000, LockMode.ORDERED, ThreadKind.PLATFORM,
                Work.NONE, 4);
    }

    /**
     * How items flow.
     *
     * @param ratePerSecond    each producer's rate limit (0 = none)
     * @param consumerDelayMs  extra time each consumer spends per item (the slow-consumer scenario)
     * @param creditWindow     items a producer may have sent and not yet processed (0 = no window)
     * @param workerCrashEvery kill a worker thread on every Nth record, to show it replaced (0 = never)
     * @param measureHeap      producers collect garbage before each heartbeat, so their heap figure is live data
     */
    public record Flow(int ratePerSecond, int consumerDelayMs, long creditWindow, long workerCrashEvery,
            boolean measureHeap) {
        public static final Flow FREE = new Flow(0, 0, 0, 0, false);

        public static Flow paced(int ratePerSecond) {
            return new Flow(ratePerSecond, 0, 0, 0, false);
        }
    }

    /** @param stopAfter send stop this long after start; empty: producers stop after their items */
    public record Ending(Optional<Duration> stopAfter) {
        public static final Ending BY_ITEMS = new Ending(Optional.empty());

        public static Ending after(Duration stopAfter) {
            return new Ending(Optional.of(stopAfter));
        }
    }

    /**
     * What a supervisor does for the run's consumers: which consumers die and when is a fault's business (the
     * isolation scenario's, {@code run --kills}); this is the platform's.
     *
     * @param restartKilled  start a new process at once for a consumer killed or dead mid-run
     * @param killViaControl kill by a crash command on the control topic (compose, Kubernetes) instead of SIGKILL
     */
    public record Supervision(boolean restartKilled, boolean killViaControl) {
        public static final Supervision NONE = new Supervision(false, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int producers() {
        return shape.producers();
    }

    public int consumers() {
        return shape.consumers();
    }

    public long items() {
        return shape.items();
    }

    public int partitions() {
        return shape.partitions();
    }

    /**
     * This plan with the stop sent {@code after} the start instead; the timeout grows with it, so that a
     * longer run still has two minutes for its drain and verification.
     */
    public RunPlan withStopAfter(Duration after) {
        Duration longest = after.plusMinutes(2);
        return toBuilder().ending(Ending.after(after)).timeout(timeout.compareTo(longest) >= 0 ? timeout : longest)
                .build();
    }

    /** The same run on another cluster with other counts of producers and consumers (and items in total). */
    public RunPlan withServices(String bootstrap, int producers, int consumers, long items) {
        return toBuilder().bootstrap(bootstrap).processes(producers, consumers).items(items).build();
    }

    /** Whether producers run until told to stop rather than to an item count. */
    public boolean unbounded() {
        return shape.items() == 0;
    }

    /** Items that producer {@code index} sends: an even share, the first ones taking one more of the remainder. */
    public long itemsFor(int index) {
        return shape.items() / shape.producers() + (index < shape.items() % shape.producers() ? 1 : 0);
    }

    /** Builds a plan from the defaults of {@code ./handoff run}, or from another plan. */
    public static final class Builder {
        private String scenario = "run";
        private int producers = 2;
        private int consumers = 2;
        private long items = 100_000;
        private int partitions = 6;
        private int payloadBytes = 100;
        private Services services = Services.DEFAULT;
        private Flow flow = Flow.FREE;
        private Ending ending = Ending.BY_ITEMS;
        private Supervision supervision = Supervision.NONE;
        private Optional<String> bootstrap = Optional.empty();
        private Optional<Path> report = Optional.empty();
        private int malformed;
        private boolean auditItems;
        private Optional<Duration> retention = Optional.empty();
        private Duration timeout = Duration.ofMinutes(10);
        private boolean quiet;

        private Builder() {
        }

        private Builder(RunPlan plan) {
            scenario = plan.scenario;
            producers = plan.shape.producers();
            consumers = plan.shape.consumers();
            items = plan.shape.items();
            partitions = plan.shape.partitions();
            payloadBytes = plan.shape.payloadBytes();
            services = plan.services;
            flow = plan.flow;
            ending = plan.ending;
            supervision = plan.supervision;
            bootstrap = plan.bootstrap;
            report = plan.report;
            malformed = plan.malformed;
            auditItems = plan.auditItems;
            retention = plan.retention;
            timeout = plan.timeout;
            quiet = plan.quiet;
        }

        public Builder scenario(String name) {
            this.scenario = name;
            return this;
        }

        public Builder processes(int producers, int consumers) {
            this.producers = producers;
            this.consumers = consumers;
            return this;
        }

        public Builder items(long items) {
            this.items = items;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder payloadBytes(int payloadBytes) {
            this.payloadBytes = payloadBytes;
            return this;
        }

        public Builder services(Services services) {
            this.services = services;
            return this;
        }

        public Builder flow(Flow flow) {
            this.flow = flow;
            return this;
        }

        public Builder ending(Ending ending) {
            this.ending = ending;
            return this;
        }

        public Builder stopAfter(Duration after) {
            return ending(Ending.after(after));
        }

        public Builder supervision(Supervision supervision) {
            this.supervision = supervision;
            return this;
        }

        public Builder bootstrap(String bootstrap) {
            this.bootstrap = Optional.ofNullable(bootstrap);
            return this;
        }

        public Builder report(Path report) {
            this.report = Optional.ofNullable(report);
            return this;
        }

        public Builder malformed(int malformed) {
            this.malformed = malformed;
            return this;
        }

        public Builder auditItems(boolean auditItems) {
            this.auditItems = auditItems;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = Optional.ofNullable(retention);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        public RunPlan build() {
            return new RunPlan(scenario, new Shape(producers, consumers, items, partitions, payloadBytes), services,
                    flow, ending, supervision, bootstrap, report, malformed, auditItems, retention, timeout, quiet);
        }
    }
}
