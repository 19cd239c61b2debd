package io.handoff.consumer;

import io.handoff.consumer.ledger.Ledger;
import io.handoff.consumer.work.OutstandingWork;
import io.handoff.consumer.work.WorkerPool;
import io.handoff.shared.runtime.InstanceConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the consumer's long-lived parts from configuration, and closes the worker pool at shutdown. */
public class ConsumerBeans {

    @Produces
    @Singleton
    Ledger ledger(InstanceConfig instance) {
        return new Ledger(instance.ledger().accounts(), instance.ledger().initialBalance());
    }

    @Produces
    @Singleton
    WorkerPool workerPool(ConsumerConfig config, MeterRegistry registry) {
        WorkerPool pool = new WorkerPool(config.workers(), config.maxInFlight());
        Gauge.builder("handoff.queue.depth", pool, WorkerPool::queued)
                .tag("queue", "workers").description("Items waiting for a worker").register(registry);
        return pool;
    }

    void closeWorkerPool(@Disposes WorkerPool pool) throws InterruptedException {
        pool.close();
    }

    @Produces
    @Singleton
    OutstandingWork outstandingWork(MeterRegistry registry) {
        OutstandingWork outstanding = new OutstandingWork();
        Gauge.builder("handoff.items.outstanding", outstanding, OutstandingWork::count)
                .description("Records taken from Kafka and not yet finished").register(registry);
        return outstanding;
    }
}
