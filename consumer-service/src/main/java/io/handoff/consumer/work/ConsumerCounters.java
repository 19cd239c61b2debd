package io.handoff.consumer.work;

import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/** What this consumer has done with the records it took, as counts and as Prometheus counters. */
@ApplicationScoped
public class ConsumerCounters {

    private final LongAdder processed = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Timer latency;

    @Inject
    public ConsumerCounters(MeterRegistry registry) {
        // Fixed buckets, not a percentile histogram: a dozen series per consumer are enough for p50 and p99
        // through histogram_quantile, from a few milliseconds (a steady run) to half a minute (a backlog).
        this.latency = Timer.builder(MetricNames.ITEM_LATENCY)
                .description("Item created by its producer to its result written, per item")
                .serviceLevelObjectives(Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000)
                        .map(Duration::ofMillis).toArray(Duration[]::new))
                .register(registry);
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

    /** {@code count} items of one producer have their results written (counted a run at a time, not per item). */
    public void processed(String producerId, int count) {
        if (count == 0) {
            return;
        }
        processed.add(count);
        processedByProducer.computeIfAbsent(producerId, p -> new LongAdder()).add(count);
    }

    /** One item's time from its creation (its intended send time) to its result written. */
    public void latency(long millis) {
        latency.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
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
