package io.handoff.producer;

import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.ConcurrencySample;
import io.handoff.shared.message.ProducerProgress;
import io.handoff.shared.message.Role;
import io.handoff.shared.message.Work;
import io.handoff.shared.metrics.MetricNames;
import io.handoff.shared.runtime.HeapGauge;
import io.handoff.shared.runtime.InstanceAnnouncer;
import io.handoff.shared.runtime.ControlInbox;
import io.handoff.shared.runtime.InstanceConfig;
import io.handoff.shared.runtime.Samplers;
import io.handoff.shared.runtime.ThreadStates;
import io.handoff.shared.runtime.StatusPublisher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producer's life in a run: say hello, begin (at once, or on the coordinator's start), generate and
 * send until the item count is reached or a stop arrives, write a sentinel to every partition, report what
 * Kafka acknowledged, then exit (or stay up, for long-lived deployments). A heartbeat twice a second says
 * how it is going.
 */
@ApplicationScoped
public class ProductionRun {

    private static final Logger LOG = Logger.getLogger(ProductionRun.class);

    private final InstanceConfig instance;
    /** Its counts of refused control records go into the done report. */
    private final ControlInbox control;
    private final ProducerConfig config;
    private final InstanceAnnouncer announcer;
    private final StatusPublisher status;
    private final SentinelWriter sentinels;
    private final Samplers samplers;
    private final ThreadStates threadStates = new ThreadStates();
    /** The last concurrency sample, sent with every heartbeat; touched only by the sampler thread. */
    private ConcurrencySample concurrency;
    private long beats;
    private final KafkaClientService clients;
    private final MeterRegistry registry;
    private final AtomicBoolean begun = new AtomicBoolean();
    private ItemQueue queue;
    private ItemGenerators generators;
    private ItemSenders senders;
    private Pacer pacer;
    private CreditWindow credits;

    @Inject
    public ProductionRun(InstanceConfig instance, ProducerConfig config, InstanceAnnouncer announcer,
            StatusPublisher status, SentinelWriter sentinels, Samplers samplers, KafkaClientService clients,
            // Unused: it only makes the connector set up the items channel and its Kafka producer, which the
            // senders use directly.
            @Channel("items") Emitter<byte[]> itemsChannel, MeterRegistry registry, ControlInbox control) {
        this.control = control;
        this.instance = instance;
        this.config = config;
        this.announcer = announcer;
        this.status = status;
        this.sentinels = sentinels;
        this.samplers = samplers;
        this.clients = clients;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        queue = new ItemQueue(config.queueCapacity(), config.chunkSize());
        ItemFactory factory = new ItemFactory(instance.runId(), instance.instanceId(), instance.ledger().accounts(),
                config.hotAccounts(), config.hotShare(), Work.parse(config.work()), config.payloadBytes());
        pacer = new Pacer(config.ratePerSecond());
        credits = new CreditWindow(config.creditWindow());
        generators = new ItemGenerators(config.generators(), config.items(), config.firstSeq(), config.chunkSize(), factory, queue, credits,
                pacer, registry);
        senders = new ItemSenders(config.senders(), generators.count(), config.chunkSize(), queue,
                () -> clients.<String, byte[]>getProducer("items").unwrap(), credits, config.maxInFlight(), registry);
        registerMeters();
        announcer.announce(Role.PRODUCER);
        samplers.every(Duration.ofMillis(500), "producer heartbeat", this::heartbeat);
        if (!config.awaitStart()) {
            begin();
        }
    }

    private void registerMeters() {
        Gauge.builder(MetricNames.QUEUE_DEPTH, queue, ItemQueue::size)
                .tag("queue", "generated").description("Items generated but not yet sent").register(registry);
        Gauge.builder(MetricNames.QUEUE_CAPACITY, queue, ItemQueue::capacity)
                .tag("queue", "generated").description("Bound of the generated-items queue").register(registry);
        FunctionCounter.builder(MetricNames.ITEMS_PRODUCED, senders, ItemSenders::acked)
                .description("Items acknowledged by Kafka").register(registry);
        Gauge.builder(MetricNames.CREDITS_UNPROCESSED, credits, CreditWindow::unprocessed)
                .description("Items sent and not yet processed, as consumers report").register(registry);
        Gauge.builder(MetricNames.CREDITS_WINDOW, credits, CreditWindow::window)
                .description("Most items sent and not processed before the producer waits (0 = off)")
                .register(registry);
        Gauge.builder(MetricNames.PRODUCER_RATE_LIMIT, pacer, Pacer::rate)
                .description("Items per second the producer may send (0 = no limit)").register(registry);
    }

    /** Starts generating and sending; later calls do nothing. */
    public void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        long startedNanos = System.nanoTime();
        pacer.restart();
        generators.start();
        senders.start().whenComplete((totals, error) -> {
            if (error != null) {
                LOG.error("sending stopped before every item was sent", error);
                exit(1);
                return;
            }
            finish(totals, (System.nanoTime() - startedNanos) / 1_000_000);
        });
    }

    /** Every item is acknowledged: sentinels to every partition, then done. Runs on the last sender. */
    private void finish(ItemSenders.SendTotals totals, long elapsedMs) {
        int exitCode = totals.failed() == 0 ? 0 : 1;
        try {
            int partitions = sentinels.writeAll(instance.runId(), instance.instanceId(), totals.acked());
            LOG.infof("sent %d items (%d refused) in %d ms; sentinel written to %d partitions", totals.acked(),
                    totals.failed(), elapsedMs, partitions);
            heartbeat();
            status.publish(new ProducerDone(instance.runId(), instance.instanceId(), totals.acked(), totals.failed(),
                    elapsedMs, System.currentTimeMillis(), control.refused(), config.firstSeq())).toCompletableFuture().get();
        } catch (Exception e) {
            LOG.error("could not write sentinels or report done", e);
            exitCode = 1;
        }
        exit(exitCode);
    }

    /** Stops generating; what is generated is still sent and reported. A stop before a start reports zero. */
    public void stop() {
        generators.stopGenerating();
        begin();
    }

    public void setRate(int perSecond) {
        pacer.setRate(perSecond);
    }

    /** Consumers' heartbeats say how many of this producer's items they have processed in all. */
    void processedByConsumers(long total) {
        credits.processed(total);
    }

    private void heartbeat() {
        if (beats++ % 2 == 0) { // once a second: the live page's concurrency view (threads by role and state)
            concurrency = threadStates.sample(List.of(), ConcurrencySample.Locks.NONE, ConcurrencySample.Audit.NONE);
        }
        status.publish(new ProducerProgress(instance.runId(), instance.instanceId(), System.currentTimeMillis(),
                senders.acked(), queue.size(), senders.inFlight(), credits.unprocessed(), credits.window(),
                pacer.rate(), config.measureLiveHeap() ? HeapGauge.liveBytesAfterFullGc() : HeapGauge.liveBytes(),
                concurrency));
    }

    private void exit(int code) {
        if (config.exitWhenDone()) {
            Quarkus.asyncExit(code);
        }
    }

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        if (begun.get()) {
            generators.interruptAndJoin();
            senders.interruptAndJoin();
        }
    }
}
