package io.handoff.consumer.work;

import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What this consumer has done with the records it took, as counts and as Prometheus counters. */
@ApplicationScoped
public class ConsumerCounters {

    private final LongAdder processed = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final LongAdder failed = new LongAdder();

    @Inject
    public ConsumerCounters(MeterRegistry registry) {
        register(registry, MetricNames.ITEMS_CONSUMED, processed, "Items applied and published as results");
        register(registry, MetricNames.ITEMS_MALFORMED, malformed, "Records that were not valid items, sent to the dead-letter topic");
        register(registry, MetricNames.ITEMS_FOREIGN, foreign, "Valid items of another run, skipped");
        register(registry, MetricNames.ITEMS_FAILED, failed, "Items whose processing or result write failed, sent to the dead-letter topic");
    }

    private static void register(MeterRegistry registry, String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }

    /** Per producer: producers turn these counts into credits. */
    private final Map<String, LongAdder> processedByProducer = new ConcurrentHashMap<>();

    public void processed(String producerId) {
        processed.increment();
        processedByProducer.computeIfAbsent(producerId, p -> new LongAdder()).increment();
    }

    public Map<String, Long> processedByProducer() {
        Map<String, Long> copy = new TreeMap<>();
        processedByProducer.forEach((producer, count) -> copy.put(producer, count.sum()));
        return copy;
    }

    public void malformed() {
        malformed.increment();
    }

    public void foreign() {
        foreign.increment();
    }

    public void failed() {
        failed.increment();
    }

    public long processedCount() {
        return processed.sum();
    }

    public long malformedCount() {
        return malformed.sum();
    }

    public long foreignCount() {
        return foreign.sum();
    }

    public long failedCount() {
        return failed.sum();
    }
}
