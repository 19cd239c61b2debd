package io.handoff.shared.runtime;

import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The process's timer: one scheduled thread, {@code sampler}, that runs periodic samples (live threads per
 * role here; services add their own). It is a daemon on purpose: sampling observes the work and must never
 * be the reason a JVM stays up, unlike workers, which are joined.
 */
@ApplicationScoped
public class Samplers {

    private static final Logger LOG = Logger.getLogger(Samplers.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sampler").daemon().factory());
    private final ThreadCensus census;
    private final MultiGauge threadsLive;

    @Inject
    public Samplers(ThreadCensus census, MeterRegistry registry) {
        this.census = census;
        this.threadsLive = MultiGauge.builder(MetricNames.THREADS_LIVE)
                .description("Live threads per role, sampled every second").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        every(Duration.ofSeconds(1), "threads per role", this::sampleThreads);
    }

    /** Runs {@code sample} every {@code period}; a sample that throws is logged and runs again next time. */
    public void every(Duration period, String name, Runnable sample) {
        scheduler.scheduleAtFixedRate(() -> {
            try {
                sample.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "sampler '%s' failed", name);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Tagged {@code thread_role} (not {@code role}, which every meter carries for the service) and
     * {@code kind}, platform or virtual: the dashboards show the two kinds of worker side by side.
     */
    private void sampleThreads() {
        Map<List<String>, Long> counts = census.threads().stream().collect(Collectors.groupingBy(
                t -> List.of(t.role(), t.virtual() ? "virtual" : "platform"), Collectors.counting()));
        threadsLive.register(counts.entrySet().stream().map(e -> MultiGauge.Row.of(
                Tags.of(MetricNames.TAG_THREAD_ROLE, e.getKey().get(0), MetricNames.TAG_THREAD_KIND, e.getKey().get(1)),
                e.getValue())).toList(), true);
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }
}
