package io.handoff.producer;

import io.handoff.shared.json.Json;
import io.handoff.shared.message.ConsumerProgress;
import io.handoff.shared.message.StatusEvent;
import io.handoff.shared.runtime.InstanceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns consumers' heartbeats into credits: the sum, over every consumer incarnation, of how many of this
 * producer's items it has processed. A restarted consumer counts from zero under a new pid, so the old
 * incarnation's count is kept, not overwritten.
 */
@ApplicationScoped
public class ProgressListener {

    private final InstanceConfig instance;
    private final ProductionRun run;
    /** Processed items of this producer per consumer incarnation ({@code instance#pid}). */
    private final Map<String, Long> processedBy = new ConcurrentHashMap<>();

    @Inject
    public ProgressListener(InstanceConfig instance, ProductionRun run) {
        this.instance = instance;
        this.run = run;
    }

    @Incoming("status-in")
    public void onStatus(byte[] value) {
        StatusEvent event;
        try {
            event = Json.read(value, StatusEvent.class);
        } catch (IOException e) {
            return; // the coordinator reports unreadable status records; credits only need the good ones
        }
        if (event instanceof ConsumerProgress progress && progress.runId().equals(instance.runId())) {
            long mine = progress.processedByProducer().getOrDefault(instance.instanceId(), 0L);
            processedBy.merge(progress.instanceId() + "#" + progress.pid(), mine, Math::max);
            run.processedByConsumers(processedBy.values().stream().mapToLong(Long::longValue).sum());
        }
    }
}
