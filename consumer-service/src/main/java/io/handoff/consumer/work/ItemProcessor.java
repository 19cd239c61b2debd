package io.handoff.consumer.work;

import io.handoff.consumer.config.ConsumerConfig;
import io.handoff.consumer.commit.OffsetCommitter;
import io.handoff.consumer.sentinel.SentinelTracker;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The consumer's hot path: the connector hands over a whole poll of {@code items} at a time (batch
 * consumption), and this splits it into one {@link Chunk} per worker, each the poll's records whose keys
 * that worker owns, in offset order: one hand-off per worker per poll, and one key's records always on one
 * thread, in order. The sentinel tracker admits each partition's records in one visit.
 *
 * <p>Backpressure: the next poll is asked for only when it fits under {@code max-in-flight} records in hand;
 * meanwhile the connector's queue fills and it pauses the partitions. Offsets are committed at the contiguous
 * watermark of finished work ({@link io.handoff.consumer.commit}): a crash can repeat work, never skip it.
 */
@ApplicationScoped
public class ItemProcessor {

    private static final Logger LOG = Logger.getLogger(ItemProcessor.class);
    private static final int FIRST_CHUNK_CAPACITY = 64;

    private final WorkerPool workers;
    private final WorkLine line;
    private final SentinelTracker tracker;
    private final OutstandingWork outstanding;
    private final OffsetCommitter committer;
    private final ConsumerConfig config;
    /** Records in hand below which the next poll may come: room for a whole poll under max-in-flight. */
    private final long admitBelow;

    @Inject
    public ItemProcessor(ConsumerConfig config, WorkerPool workers, WorkLine line, SentinelTracker tracker,
            OutstandingWork outstanding, OffsetCommitter committer,
            @ConfigProperty(name = "mp.messaging.incoming.items.max.poll.records", defaultValue = "500") int pollSize) {
        this.config = config;
        this.workers = workers;
        this.line = line;
        this.tracker = tracker;
        this.outstanding = outstanding;
        this.committer = committer;
        this.admitBelow = Math.max(1, config.maxInFlight() - pollSize + 1);
    }

    void onStart(@Observes StartupEvent event) {
        committer.every(config.commitInterval(), tracker::watermarks);
    }

    @Incoming("items")
    public CompletionStage<Void> consume(ConsumerRecords<String, byte[]> records) {
        CompletionStage<Void> start = tracker.whenProducersKnown();
        if (!start.toCompletableFuture().isDone()) {
            // Before the start command nothing can be told to be the run's or not: this poll waits for it.
            return start.thenComposeAsync(ignored -> dispatch(records), onThisContext());
        }
        return dispatch(records);
    }

    private CompletionStage<Void> dispatch(ConsumerRecords<String, byte[]> records) {
        Chunk[] chunks = new Chunk[workers.workers()];
        SentinelTracker.Intake intake = (record, segment, rejectReason) -> {
            // Producers key items by paying account; a keyless (likely malformed) record is routed by partition.
            int worker = record.key() != null ? workers.workerFor(record.key()) : record.partition() % chunks.length;
            Chunk chunk = chunks[worker];
            if (chunk == null) {
                chunk = chunks[worker] = new Chunk(line, FIRST_CHUNK_CAPACITY);
            }
            chunk.add(record, segment, rejectReason);
        };
        long taken = 0;
        for (TopicPartition partition : records.partitions()) {
            taken += tracker.admit(partition.partition(), records.records(partition), intake);
        }
        outstanding.begin(taken);
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] != null && !workers.execute(i, chunks[i].ready())) {
                // Only when shutting down: left unprocessed and uncommitted, for the partition's next owner.
                LOG.warnf("worker pool closed; %d records left for the next owner", chunks[i].size());
                outstanding.done(chunks[i].size());
            }
        }
        return outstanding.whenBelow(admitBelow, onThisContext());
    }

    /** Completes the gate on the channel's own context, never on the Kafka thread that finished the work. */
    private static Executor onThisContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
