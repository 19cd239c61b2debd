package io.handoff.consumer.work;

import io.handoff.consumer.ConsumerConfig;
import io.handoff.consumer.ledger.Ledger;
import io.handoff.consumer.sentinel.SentinelTracker;
import io.handoff.shared.context.WorkContext;
import io.handoff.shared.json.ItemParser;
import io.handoff.shared.json.Json;
import io.handoff.shared.json.MalformedItemException;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Result;
import io.handoff.shared.message.Sentinel;
import io.handoff.shared.runtime.InstanceConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import java.util.concurrent.CompletionStage;

/**
 * The consumer's pipeline: records from {@code items} go to the worker pool, and each finished transfer
 * becomes a record on {@code results}.
 *
 * <p>The channel's thread (a Vert.x event loop) only routes: it picks the worker by the record's Kafka key
 * and moves on. Parsing, validation and the transfer happen on the worker, so the one routing thread is
 * never the bottleneck and one key's records are handled in order by one thread.
 *
 * <p>At most {@code max-in-flight} records are in the pool at once ({@code merge(n)} requests no more);
 * the connector then stops pulling and pauses its partitions. An item's offset is acknowledged only when
 * its result is acknowledged by Kafka, and the connector's {@code throttled} strategy commits only the
 * highest offset below which everything is acknowledged: a crash can repeat work, never skip it.
 */
@ApplicationScoped
public class ItemProcessor {

    private static final Logger LOG = Logger.getLogger(ItemProcessor.class);
    private static final long PID = ProcessHandle.current().pid();

    private final InstanceConfig instance;
    private final ConsumerConfig config;
    private final Ledger ledger;
    private final WorkerPool workers;
    private final AuditSink audit;
    private final OutstandingWork outstanding;
    private final ConsumerCounters counters;
    private final SentinelTracker sentinels;
    private final Slowdown slowdown;
    private final AtomicLong taken = new AtomicLong();

    @Inject
    public ItemProcessor(InstanceConfig instance, ConsumerConfig config, Ledger ledger, WorkerPool workers,
            AuditSink audit, OutstandingWork outstanding, ConsumerCounters counters, SentinelTracker sentinels,
            Slowdown slowdown) {
        this.instance = instance;
        this.config = config;
        this.ledger = ledger;
        this.workers = workers;
        this.audit = audit;
        this.outstanding = outstanding;
        this.counters = counters;
        this.sentinels = sentinels;
        this.slowdown = slowdown;
    }

    @Incoming("items")
    @Outgoing("results")
    public Multi<Message<Result>> process(Multi<Message<byte[]>> records) {
        // A null item (a skipped or dead-lettered record) ends that inner Uni empty: nothing goes to results.
        return records.onItem().transformToUni(this::handle).merge(config.maxInFlight());
    }

    private Uni<Message<Result>> handle(Message<byte[]> record) {
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("record without Kafka metadata"));
        SentinelTracker.Admission admission = sentinels.admit(origin.getPartition(), origin.getOffset(),
                isSentinel(origin));
        switch (admission.kind()) {
            case REPLAYED -> {
                return replayed(record, origin);
            }
            case SENTINEL -> {
                return sentinel(record, origin);
            }
            case AFTER_SENTINELS -> {
                // Not ours. Left unacknowledged, so the committed offset of a finished partition stays just past
                // its last sentinel, the proof a later owner reads.
                LOG.debugf("record at offset %d of partition %d comes after the run's sentinels; left alone",
                        origin.getOffset(), origin.getPartition());
                return Uni.createFrom().nullItem();
            }
            case TAKEN -> outstanding.begin();
        }
        SentinelTracker.PartitionState partition = admission.state();
        // Producers key items by paying account; a keyless (likely malformed) record is routed by partition.
        String routingKey = origin.getKey() instanceof String key ? key : "partition-" + origin.getPartition();
        return Uni.createFrom()
                .completionStage(workers.submit(routingKey, worker -> work(record.getPayload(), origin, worker)))
                .onItemOrFailure().transformToUni((outcome, error) -> settle(record, outcome, error, partition));
    }

    private static boolean isSentinel(IncomingKafkaRecordMetadata<?, ?> origin) {
        Header kind = origin.getHeaders().lastHeader(Sentinel.KIND_HEADER);
        return kind != null && Sentinel.KIND.equals(new String(kind.value(), StandardCharsets.UTF_8));
    }

    /**
     * A producer's sentinel: noted, and acknowledged only once its partition is finished, so until then the
     * committed offset stays before it and whoever reads this partition next sees it again. Sentinels of other
     * runs are acknowledged.
     */
    private Uni<Message<Result>> sentinel(Message<byte[]> record, IncomingKafkaRecordMetadata<?, ?> origin) {
        try {
            Sentinel sentinel = Json.read(record.getPayload(), Sentinel.class);
            if (sentinel.runId().equals(instance.runId())) {
                LOG.debugf("sentinel of %s on partition %d", sentinel.producerId(), origin.getPartition());
                sentinels.sentinel(origin.getPartition(), sentinel.producerId(), record::ack);
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().completionStage(record.ack()).map(ignored -> null);
        } catch (IOException e) {
            counters.malformed();
            return Uni.createFrom().completionStage(record.nack(new MalformedItemException(
                    "sentinel header on a record that is not a sentinel: " + e.getMessage(), e))).map(ignored -> null);
        }
    }

    /**
     * The last committed record, read again on assignment: a sentinel of this run means an earlier owner
     * finished the partition. Either way it was handled before; it is neither processed nor acknowledged again.
     */
    private Uni<Message<Result>> replayed(Message<byte[]> record, IncomingKafkaRecordMetadata<?, ?> origin) {
        if (isSentinel(origin) && isOfThisRun(record.getPayload())) {
            LOG.infof("partition %d was finished by its earlier owner (committed past this run's sentinels)",
                    origin.getPartition());
            sentinels.finishedEarlier(origin.getPartition());
        }
        return Uni.createFrom().nullItem();
    }

    private boolean isOfThisRun(byte[] sentinel) {
        try {
            return Json.read(sentinel, Sentinel.class).runId().equals(instance.runId());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs on a worker thread: parse, validate, then, with the item's {@link WorkContext} open, do its work,
     * apply its transfer and record it in the audit sink. The context is closed in every case, so the next
     * item on this thread starts clean.
     */
    private Outcome work(byte[] value, IncomingKafkaRecordMetadata<?, ?> origin, String worker) {
        long crashEvery = config.chaos().workerCrashEvery();
        if (crashEvery > 0 && taken.incrementAndGet() % crashEvery == 0) {
            throw new WorkerCrash(worker + " dies before applying offset " + origin.getOffset() + " (chaos)");
        }
        Item item;
        try {
            item = ItemParser.parse(value);
            if (!ledger.holds(item.transfer())) {
                throw new MalformedItemException("transfer " + item.transfer() + " names an account outside 0.."
                        + (ledger.size() - 1));
            }
        } catch (MalformedItemException e) {
            return new Outcome.Malformed(e);
        }
        if (!item.runId().equals(instance.runId())) {
            return new Outcome.Foreign(item);
        }
        try (WorkContext.Scope ignored = WorkContext.open(
                new WorkContext(item.producerId() + "/" + item.seq(), item.producerId(), item.seq(), worker))) {
            WorkPerformer.perform(item.work(), item.seq());
            slowdown.apply();
            ledger.transfer(item.transfer());
            audit.record(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying " + item.producerId() + "/" + item.seq(), e);
        }
        return new Outcome.Applied(item, new Result(item.runId(), item.producerId(), item.seq(), instance.instanceId(),
                PID, worker, origin.getPartition(), origin.getOffset(), item.createdAtMs(), System.currentTimeMillis()));
    }

    private Uni<Message<Result>> settle(Message<byte[]> record, Outcome outcome, Throwable error,
            SentinelTracker.PartitionState partition) {
        Runnable finished = () -> {
            outstanding.done();
            sentinels.done(partition);
        };
        if (error != null) {
            LOG.errorf(error, "record at offset %s failed",
                    record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L));
            counters.failed();
            return finishWithoutResult(record.nack(error), finished);
        }
        return switch (outcome) {
            case Outcome.Applied applied -> Uni.createFrom().item(resultMessage(record, applied, finished));
            case Outcome.Foreign foreign -> {
                counters.foreign();
                yield finishWithoutResult(record.ack(), finished);
            }
            case Outcome.Malformed malformed -> {
                counters.malformed();
                LOG.debugf("malformed record: %s", malformed.reason().getMessage());
                yield finishWithoutResult(record.nack(malformed.reason()), finished);
            }
        };
    }

    private Message<Result> resultMessage(Message<byte[]> record, Outcome.Applied applied, Runnable finished) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(applied.item().key()).build();
        return Message.of(applied.result(), Metadata.of(key),
                () -> {
                    counters.processed(applied.item().producerId(), applied.item().createdAtMs());
                    return record.ack().whenComplete((ok, error) -> finished.run());
                },
                error -> {
                    // The transfer is applied but its result could not be written: the audit will count the
                    // item as lost, and the dead-letter topic says why.
                    counters.failed();
                    return record.nack(error).whenComplete((ok, e) -> finished.run());
                });
    }

    /** Settles a record that yields no result (acknowledged, or dead-lettered) and emits nothing for it. */
    private Uni<Message<Result>> finishWithoutResult(CompletionStage<Void> settled, Runnable finished) {
        return Uni.createFrom().completionStage(settled.whenComplete((ok, e) -> finished.run()))
                .map(ignored -> null);
    }
}
