package io.handoff.consumer.control;

import io.handoff.consumer.ledger.Ledger;
import io.handoff.consumer.ledger.LockStats;
import io.handoff.consumer.sentinel.SentinelTracker;
import io.handoff.consumer.work.AuditSink;
import io.handoff.consumer.work.ConsumerCounters;
import io.handoff.consumer.work.OutstandingWork;
import io.handoff.consumer.work.Slowdown;
import io.handoff.consumer.work.WorkerPool;
import io.handoff.shared.message.ConcurrencySample;
import io.handoff.shared.message.ConsumerProgress;
import io.handoff.shared.metrics.MetricNames;
import io.handoff.shared.runtime.HeapGauge;
import io.handoff.shared.runtime.InstanceConfig;
import io.handoff.shared.runtime.Samplers;
import io.handoff.shared.runtime.StatusPublisher;
import io.handoff.shared.runtime.ThreadStates;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twice a second, tells the coordinator (and the producers, whose credits it refills) how this consumer is
 * doing, and samples the partitions the connector has paused for the metrics. Every other beat (once a second)
 * it also samples its threads, locks and audit semaphore for the live page's concurrency view: counts and totals
 * the pool, the ledger's timers and the sink already keep, so nothing is added per item.
 */
@ApplicationScoped
public class ConsumerHeartbeat {

    private final InstanceConfig instance;
    private final ConsumerCounters counters;
    private final OutstandingWork outstanding;
    private final WorkerPool workers;
    private final SentinelTracker sentinels;
    private final Slowdown slowdown;
    private final StatusPublisher status;
    private final Samplers samplers;
    private final KafkaClientService clients;
    private final Ledger ledger;
    private final AuditSink audit;
    private final ThreadStates threadStates = new ThreadStates();
    private final AtomicInteger paused = new AtomicInteger();
    /** The last concurrency sample, sent with every beat; touched only by the sampler thread. */
    private ConcurrencySample concurrency;
    private long beats;
    private final MultiGauge partitionLag;

    @Inject
    public ConsumerHeartbeat(InstanceConfig instance, ConsumerCounters counters, OutstandingWork outstanding,
            WorkerPool workers, SentinelTracker sentinels, Slowdown slowdown, StatusPublisher status,
            Samplers samplers, KafkaClientService clients, Ledger ledger, AuditSink audit, MeterRegistry registry) {
        this.ledger = ledger;
        this.audit = audit;
        this.instance = instance;
        this.counters = counters;
        this.outstanding = outstanding;
        this.workers = workers;
        this.sentinels = sentinels;
        this.slowdown = slowdown;
        this.status = status;
        this.samplers = samplers;
        this.clients = clients;
        Gauge.builder(MetricNames.PARTITIONS_PAUSED, paused, AtomicInteger::get)
                .description("Partitions paused because this consumer's buffer is full").register(registry);
        Gauge.builder(MetricNames.PARTITIONS, sentinels, t -> t.held().size()).tag("state", "held")
                .description("Partitions this consumer holds, and of those finished by sentinels").register(registry);
        Gauge.builder(MetricNames.PARTITIONS, sentinels, t -> t.finished().size()).tag("state", "finished")
                .description("Partitions this consumer holds, and of those finished by sentinels").register(registry);
        FunctionCounter.builder(MetricNames.WORKERS_REPLACED, workers, WorkerPool::replaced)
                .description("Worker threads that died and were replaced, their item re-run").register(registry);
        Gauge.builder(MetricNames.CONSUMER_DELAY, slowdown, Slowdown::delayMs).baseUnit("milliseconds")
                .description("Extra time spent per item in slow mode").register(registry);
        // Kafka's own per-partition records-lag reaches Micrometer only when its binder next looks for new
        // metrics (a minute); this reads the same figure twice a second for the partitions held now.
        this.partitionLag = MultiGauge.builder(MetricNames.PARTITION_LAG)
                .description("Records on each held partition of items not yet fetched by this consumer").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        samplers.every(Duration.ofMillis(500), "consumer heartbeat", this::beat);
    }

    private void beat() {
        PollingSample sample = sampleOnPollingThread();
        if (sample.paused() >= 0) {
            paused.set(sample.paused()); // else the channel is starting or stopping: keep the last reading
        }
        if (beats++ % 2 == 0) {
            LockStats locks = ledger.stats();
            concurrency = threadStates.sample(workers.threads(), new ConcurrencySample.Locks(ledger.mode().label(),
                    locks.waits(), locks.waitNanos(), locks.holds(), locks.holdNanos(), locks.deadlocksBroken(),
                    locks.tryLockTimeouts()), new ConcurrencySample.Audit(audit.permits(), audit.inUse(), audit.waiters(),
                    audit.waits(), audit.waitNanos()));
        }
        partitionLag.register(sample.lag().entrySet().stream().map(e -> MultiGauge.Row.of(
                Tags.of("topic", "items", "partition", Integer.toString(e.getKey())), e.getValue())).toList(), true);
        status.publish(new ConsumerProgress(instance.runId(), instance.instanceId(), System.currentTimeMillis(),
                ProcessHandle.current().pid(), counters.processedCount(), counters.processedByProducer(),
                outstanding.count(), workers.queued(), paused.get(), sample.uncommitted(), sentinels.held(),
                sentinels.finished(), slowdown.delayMs(), workers.replaced(), HeapGauge.liveBytes(), concurrency));
    }

    /**
     * @param paused      partitions the connector has paused (-1: not known now)
     * @param uncommitted records read past the committed offsets (-1: not known now)
     * @param lag         records not yet fetched, by held partition
     */
    private record PollingSample(int paused, long uncommitted, Map<Integer, Long> lag) {
    }

    /**
     * Paused partitions, records read past the committed offsets (the work another consumer would redo if this
     * one died now), and each held partition's lag, in one visit to the channel's polling thread: the only one
     * allowed to touch its consumer, and the one that fetches records meanwhile.
     */
    private PollingSample sampleOnPollingThread() {
        try {
            return clients.getConsumer("items").runOnPollingThread(consumer -> {
                long behind = 0;
                Map<Integer, Long> lag = new TreeMap<>();
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment(), Duration.ofMillis(500));
                for (TopicPartition partition : consumer.assignment()) {
                    OffsetAndMetadata at = committed.get(partition);
                    behind += Math.max(0, consumer.position(partition) - (at == null ? 0 : at.offset()));
                    consumer.currentLag(partition).ifPresent(records -> lag.put(partition.partition(), records));
                }
                return new PollingSample(consumer.paused().size(), behind, lag);
            }).await().atMost(Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            return new PollingSample(-1, -1, Map.of()); // not known right now
        }
    }
}
