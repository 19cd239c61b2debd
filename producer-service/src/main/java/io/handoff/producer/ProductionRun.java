package io.handoff.producer;

import io.handoff.shared.message.Item;
import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.Role;
import io.handoff.shared.message.Work;
import io.handoff.shared.metrics.MetricNames;
import io.handoff.shared.runtime.InstanceAnnouncer;
import io.handoff.shared.runtime.InstanceConfig;
import io.handoff.shared.runtime.StatusPublisher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producer's life in a run: say hello, begin (at once, or on the coordinator's start), generate and
 * send until the item count is reached or a stop arrives, report what Kafka acknowledged, then exit (or
 * stay up, for long-lived deployments).
 */
@ApplicationScoped
public class ProductionRun {

    private static final Logger LOG = Logger.getLogger(ProductionRun.class);

    private final InstanceConfig instance;
    private final ProducerConfig config;
    private final InstanceAnnouncer announcer;
    private final StatusPublisher status;
    private final Emitter<Item> emitter;
    private final MeterRegistry registry;
    private final AtomicBoolean begun = new AtomicBoolean();
    private ItemGenerators generators;
    private ItemSenders senders;

    @Inject
    public ProductionRun(InstanceConfig instance, ProducerConfig config, InstanceAnnouncer announcer,
            StatusPublisher status,
            // Unbounded here because the sender bounds it: at most max-in-flight items are ever unacknowledged.
            @Channel("items") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Item> emitter,
            MeterRegistry registry) {
        this.instance = instance;
        this.config = config;
        this.announcer = announcer;
        this.status = status;
        this.emitter = emitter;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(config.queueCapacity());
        ItemFactory factory = new ItemFactory(instance.runId(), instance.instanceId(), instance.ledger().accounts(),
                config.hotAccounts(), config.hotShare(), Work.parse(config.work()), config.payloadBytes());
        generators = new ItemGenerators(config.generators(), config.items(), factory, queue, registry);
        senders = new ItemSenders(config.senders(), generators.count(), queue, emitter, config.maxInFlight(), registry);
        Gauge.builder(MetricNames.QUEUE_DEPTH, queue, BlockingQueue::size)
                .tag("queue", "generated").description("Items generated but not yet sent").register(registry);
        Gauge.builder(MetricNames.QUEUE_CAPACITY, queue, q -> q.size() + q.remainingCapacity())
                .tag("queue", "generated").description("Bound of the generated-items queue").register(registry);
        FunctionCounter.builder(MetricNames.ITEMS_PRODUCED, senders, ItemSenders::acked)
                .description("Items acknowledged by Kafka").register(registry);

        announcer.announce(Role.PRODUCER);
        if (!config.awaitStart()) {
            begin();
        }
    }

    /** Starts generating and sending; later calls do nothing. */
    public void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        long startedNanos = System.nanoTime();
        generators.start();
        senders.start().whenComplete((totals, error) -> {
            if (error != null) {
                LOG.error("sending stopped before every item was sent", error);
                exit(1);
                return;
            }
            long elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
            LOG.infof("sent %d items (%d refused) in %d ms", totals.acked(), totals.failed(), elapsedMs);
            ProducerDone done = new ProducerDone(instance.runId(), instance.instanceId(), totals.acked(),
                    totals.failed(), elapsedMs, System.currentTimeMillis());
            status.publish(done).whenComplete((ok, statusError) -> {
                if (statusError != null) {
                    LOG.error("could not report done to the coordinator", statusError);
                }
                exit(totals.failed() == 0 && statusError == null ? 0 : 1);
            });
        });
    }

    /** Stops generating; what is generated is still sent and reported. A stop before a start reports zero. */
    public void stop() {
        generators.stopGenerating();
        begin();
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
