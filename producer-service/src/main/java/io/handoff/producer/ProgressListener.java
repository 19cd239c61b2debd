package io.handoff.producer;

import io.handoff.shared.json.Json;
import io.handoff.shared.message.ConsumerCredits;
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
        switch (event) {
            case ConsumerProgress progress -> credit(progress.runId(), progress.instanceId(), progress.pid(),
                    progress.processedByProducer());
            case ConsumerCredits credits -> credit(credits.runId(), credits.instanceId(), credits.pid(),
                    credits.processedByProducer());
            default -> {
                // not about credits
            }
        }
    }

    private void credit(String runId, String consumer, long pid, Map<String, Long> processedByProducer) {
        if (runId.equals(instance.runId())) {
            long mine = processedByProducer.getOrDefault(instance.instanceId(), 0L);
            processedBy.merge(consumer + "#" + pid, mine, Math::max);
            run.processedByConsumers(processedBy.values().stream().mapToLong(Long::longValue).sum());
        }
    }
}
