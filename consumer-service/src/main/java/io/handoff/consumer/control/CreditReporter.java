package io.handoff.consumer.control;

import io.handoff.consumer.work.ConsumerCounters;
import io.handoff.shared.message.ConsumerCredits;
import io.handoff.shared.runtime.InstanceConfig;
import io.handoff.shared.runtime.StatusPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells producers, ten times a second while it changes, how many of their items this consumer has processed:
 * their credits. On a timer thread of its own, since the heartbeat's sampler may wait for the polling thread.
 */
@ApplicationScoped
public class CreditReporter {

    static final long PERIOD_MS = 100;
    private static final long PID = ProcessHandle.current().pid();

    private final InstanceConfig instance;
    private final ConsumerCounters counters;
    private final StatusPublisher status;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("credit-reporter").daemon().factory());
    /** Touched only by the timer thread. */
    private long lastReported = -1;

    @Inject
    public CreditReporter(InstanceConfig instance, ConsumerCounters counters, StatusPublisher status) {
        this.instance = instance;
        this.counters = counters;
        this.status = status;
    }

    void onStart(@Observes StartupEvent event) {
        timer.scheduleWithFixedDelay(this::report, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            long processed = counters.processedCount();
            if (processed != lastReported) {
                lastReported = processed;
                status.publish(new ConsumerCredits(instance.runId(), instance.instanceId(), System.currentTimeMillis(),
                        PID, counters.processedByProducer()));
            }
        } catch (RuntimeException e) {
            lastReported = -1; // try again next time
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }
}
