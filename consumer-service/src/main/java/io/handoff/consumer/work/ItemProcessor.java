package io.handoff.consumer.work;

import io.handoff.consumer.ConsumerConfig;
import io.handoff.consumer.ledger.Ledger;
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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The consumer's pipeline: records from {@code items} go to the worker pool, and each finished transfer
 * becomes a record on {@code results}.
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
    private final OutstandingWork outstanding;
    private final ConsumerCounters counters;

    @Inject
    public ItemProcessor(InstanceConfig instance, ConsumerConfig config, Ledger ledger, WorkerPool workers,
            OutstandingWork outstanding, ConsumerCounters counters) {
        this.instance = instance;
        this.config = config;
        this.ledger = ledger;
        this.workers = workers;
        this.outstanding = outstanding;
        this.counters = counters;
    }

    @Incoming("items")
    @Outgoing("results")
    public Multi<Message<Result>> process(Multi<Message<byte[]>> records) {
        // A null item (malformed or foreign record) ends that inner Uni empty: nothing goes to results.
        return records.onItem().transformToUni(this::handle).merge(config.maxInFlight());
    }

    private Uni<Message<Result>> handle(Message<byte[]> record) {
        outstanding.begin();
        Item item;
        try {
            item = ItemParser.parse(record.getPayload());
            if (!ledger.holds(item.transfer())) {
                throw new MalformedItemException("transfer " + item.transfer() + " names an account outside 0.."
                        + (ledger.size() - 1));
            }
        } catch (MalformedItemException e) {
            counters.malformed();
            LOG.debugf("malformed record: %s", e.getMessage());
            return finishWithoutResult(record.nack(e));
        }
        if (!item.runId().equals(instance.runId())) {
            counters.foreign();
            return finishWithoutResult(record.ack());
        }
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("record without Kafka metadata"));
        return Uni.createFrom()
                .completionStage(workers.submit(item.key(), worker -> apply(item, worker, origin)))
                .map(result -> resultMessage(record, item, result))
                .onFailure().recoverWithUni(error -> {
                    LOG.errorf(error, "item %s/%d failed", item.producerId(), item.seq());
                    counters.failed();
                    return finishWithoutResult(record.nack(error));
                });
    }

    private Result apply(Item item, String worker, IncomingKafkaRecordMetadata<?, ?> origin) {
        ledger.transfer(item.transfer());
        return new Result(item.runId(), item.producerId(), item.seq(), instance.instanceId(), worker,
                origin.getPartition(), origin.getOffset(), item.createdAtMs(), System.currentTimeMillis());
    }

    private Message<Result> resultMessage(Message<byte[]> record, Item item, Result result) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(item.key()).build();
        return Message.of(result, Metadata.of(key),
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
    private <T> Uni<T> finishWithoutResult(CompletionStage<Void> settled) {
        CompletableFuture<Void> done = settled.toCompletableFuture().whenComplete((ok, e) -> outstanding.done());
        return Uni.createFrom().completionStage(done).map(ignored -> null);
    }
}
