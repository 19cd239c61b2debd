package io.handoff.coordinator.audit;

import io.handoff.shared.json.Json;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.ConsumerProgress;
import io.handoff.shared.message.Hello;
import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.ProducerProgress;
import io.handoff.shared.message.StatusEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the run's instances have said on the {@code status} topic: who said hello, how each is doing (the
 * latest heartbeat), and who is done with what counts. Written by the status tail's thread and read by the coordinator's: synchronized on this
 * board, which guards every map.
 */
public final class StatusBoard {

    private static final Logger LOG = Logger.getLogger(StatusBoard.class);
    private final io.handoff.shared.runtime.RejectionLog rejections =
            new io.handoff.shared.runtime.RejectionLog(LOG, "an unreadable status record");

    private final String runId;
    private final Map<String, Hello> hellos = new TreeMap<>();
    private final Map<String, ProducerDone> producersDone = new TreeMap<>();
    private final Map<String, ConsumerDone> consumersDone = new TreeMap<>();
    private final Map<String, ProducerProgress> producerProgress = new TreeMap<>();
    private final Map<String, ConsumerProgress> consumerProgress = new TreeMap<>();
    private long unreadable;

    public StatusBoard(String runId) {
        this.runId = runId;
    }

    public synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
        StatusEvent event;
        try {
            event = Json.read(record.value(), StatusEvent.class);
        } catch (IOException e) {
            unreadable++;
            rejections.rejected("at offset " + record.offset() + ": " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        if (!runId.equals(event.runId())) {
            return;
        }
        switch (event) {
            case Hello hello -> hellos.put(hello.instanceId(), hello);
            case ProducerDone done -> producersDone.put(done.instanceId(), done);
            case ConsumerDone done -> consumersDone.put(done.instanceId(), done);
            case ProducerProgress progress -> producerProgress.put(progress.instanceId(), progress);
            case ConsumerProgress progress -> consumerProgress.put(progress.instanceId(), progress);
            default -> {
                // agents' reports: the agent registry of a serving coordinator reads them
            }
        }
    }

    public synchronized Map<String, Hello> hellos() {
        return Map.copyOf(hellos);
    }

    public synchronized Map<String, ProducerDone> producersDone() {
        return new TreeMap<>(producersDone);
    }

    public synchronized Map<String, ConsumerDone> consumersDone() {
        return new TreeMap<>(consumersDone);
    }

    /** Each producer's latest heartbeat. */
    public synchronized Map<String, ProducerProgress> producerProgress() {
        return new TreeMap<>(producerProgress);
    }

    /** Each consumer's latest heartbeat. */
    public synchronized Map<String, ConsumerProgress> consumerProgress() {
        return new TreeMap<>(consumerProgress);
    }

    public synchronized long unreadable() {
        return unreadable;
    }
}
