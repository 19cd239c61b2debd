package io.handoff.consumer.work;

import io.handoff.consumer.ConsumerConfig;
import io.handoff.consumer.ledger.Ledger;
import io.handoff.shared.context.WorkContext;
import io.handoff.shared.json.ItemParser;
import io.handoff.shared.json.MalformedItemException;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Result;
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
import org.jboss.logging.Logger;

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

    private final InstanceConfig instance;
    private final ConsumerConfig config;
    private final Ledger ledger;
    private final WorkerPool workers;
    private final AuditSink audit;
    private final OutstandingWork outstanding;
    private final ConsumerCounters counters;

    @Inject
    public ItemProcessor(InstanceConfig instance, ConsumerConfig config, Ledger ledger, WorkerPool workers,
            AuditSink audit, OutstandingWork outstanding, ConsumerCounters counters) {
        this.instance = instance;
        this.config = config;
        this.ledger = ledger;
        this.workers = workers;
        this.audit = audit;
        this.outstanding = outstanding;
        this.counters = counters;
    }

    @Incoming("items")
    @Outgoing("results")
    public Multi<Message<Result>> process(Multi<Message<byte[]>> records) {
        // A null item (a skipped or dead-lettered record) ends that inner Uni empty: nothing goes to results.
        return records.onItem().transformToUni(this::handle).merge(config.maxInFlight());
    }

    private Uni<Message<Result>> handle(Message<byte[]> record) {
        outstanding.begin();
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("record without Kafka metadata"));
        // Producers key items by paying account; a keyless (likely malformed) record is routed by partition.
        String routingKey = origin.getKey() instanceof String key ? key : "partition-" + origin.getPartition();
        return Uni.createFrom()
                .completionStage(workers.submit(routingKey, worker -> work(record.getPayload(), origin, worker)))
                .onItemOrFailure().transformToUni((outcome, error) -> settle(record, outcome, error));
    }

    /**
     * Runs on a worker thread: parse, validate, then, with the item's {@link WorkContext} open, do its work,
     * apply its transfer and record it in the audit sink. The context is closed in every case, so the next
     * item on this thread starts clean.
     */
    private Outcome work(byte[] value, IncomingKafkaRecordMetadata<?, ?> origin, String worker) {
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
            ledger.transfer(item.transfer());
            audit.record(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying " + item.producerId() + "/" + item.seq(), e);
        }
        return new Outcome.Applied(item, new Result(item.runId(), item.producerId(), item.seq(), instance.instanceId(),
                worker, origin.getPartition(), origin.getOffset(), item.createdAtMs(), System.currentTimeMillis()));
    }

    private Uni<Message<Result>> settle(Message<byte[]> record, Outcome outcome, Throwable error) {
        if (error != null) {
            LOG.errorf(error, "record at offset %s failed",
                    record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L));
            counters.failed();
            return finishWithoutResult(record.nack(error));
        }
        return switch (outcome) {
            case Outcome.Applied applied -> Uni.createFrom().item(resultMessage(record, applied));
            case Outcome.Foreign foreign -> {
                counters.foreign();
                yield finishWithoutResult(record.ack());
            }
            case Outcome.Malformed malformed -> {
                counters.malformed();
                LOG.debugf("malformed record: %s", malformed.reason().getMessage());
                yield finishWithoutResult(record.nack(malformed.reason()));
            }
        };
    }

    private Message<Result> resultMessage(Message<byte[]> record, Outcome.Applied applied) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(applied.item().key()).build();
        return Message.of(applied.result(), Metadata.of(key),
                () -> {
                    counters.processed();
                    return record.ack().whenComplete((ok, error) -> outstanding.done());
                },
                error -> {
                    // The transfer is applied but its result could not be written: the audit will count the
                    // item as lost, and the dead-letter topic says why.
                    counters.failed();
                    return record.nack(error).whenComplete((ok, e) -> outstanding.done());
                });
    }

    /** Settles a record that yields no result (acknowledged, or dead-lettered) and emits nothing for it. */
    private Uni<Message<Result>> finishWithoutResult(CompletionStage<Void> settled) {
        return Uni.createFrom().completionStage(settled.whenComplete((ok, e) -> outstanding.done()))
                .map(ignored -> null);
    }
}
