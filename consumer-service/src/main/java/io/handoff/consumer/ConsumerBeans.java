package io.handoff.consumer;

import io.handoff.consumer.config.ConsumerConfig;
import io.handoff.consumer.ledger.Ledger;
import io.handoff.consumer.work.AuditSink;
import io.handoff.consumer.work.OutstandingWork;
import io.handoff.consumer.work.WorkerPool;
import io.handoff.shared.metrics.MetricNames;
import io.handoff.shared.runtime.InstanceConfig;
import io.handoff.shared.runtime.Samplers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the consumer's long-lived parts from configuration, and closes them at shutdown. */
public class ConsumerBeans {

    @Produces
    @Singleton
    Ledger ledger(InstanceConfig instance, ConsumerConfig config, MeterRegistry registry, Samplers samplers) {
        ConsumerConfig.Lock lock = config.lock();
        Ledger ledger = new Ledger(instance.ledger().accounts(), instance.ledger().initialBalance(), lock.mode(),
                Duration.ofNanos(lock.postingNanos()), lock.tryTimeout(),
                lock.watchdog() ? lock.watchdogInterval() : null, registry);
        AtomicLong drift = new AtomicLong();
        Gauge.builder(MetricNames.LEDGER_DRIFT, drift, AtomicLong::get)
                .description("Sum of balances minus the opening total, sampled every second").register(registry);
        // Bounded: the sampler thread also beats the heartbeat, which must not stop behind a deadlock.
        samplers.every(Duration.ofSeconds(1), "ledger drift",
                () -> ledger.totalsWithin(Duration.ofMillis(200)).ifPresent(totals -> drift.set(totals.drift())));
        return ledger;
    }

    void closeLedger(@Disposes Ledger ledger) {
        ledger.close();
    }

    @Produces
    @Singleton
    WorkerPool workerPool(ConsumerConfig config, MeterRegistry registry) {
        WorkerPool pool = new WorkerPool(config.workers(), config.maxInFlight(), config.threads());
        Gauge.builder(MetricNames.QUEUE_DEPTH, pool, WorkerPool::queued)
                .tag("queue", "workers").description("Items waiting for a worker").register(registry);
        return pool;
    }

    void closeWorkerPool(@Disposes WorkerPool pool) throws InterruptedException {
        pool.close();
    }

    @Produces
    @Singleton
    AuditSink auditSink(ConsumerConfig config, MeterRegistry registry) {
        ConsumerConfig.Audit audit = config.audit();
        return new AuditSink(audit.permits(), Duration.ofNanos(audit.writeMicros() * 1_000), audit.async(),
                audit.propagateContext(), registry);
    }

    void closeAuditSink(@Disposes AuditSink sink) throws InterruptedException {
        sink.close();
    }

    @Produces
    @Singleton
    OutstandingWork outstandingWork(MeterRegistry registry) {
        OutstandingWork outstanding = new OutstandingWork();
        Gauge.builder(MetricNames.ITEMS_OUTSTANDING, outstanding, OutstandingWork::count)
                .description("Records taken from Kafka and not yet finished").register(registry);
        return outstanding;
    }
}
