package io.handoff.consumer.work;

import io.handoff.consumer.config.ConsumerConfig;
import io.handoff.consumer.ledger.Ledger;
import io.handoff.shared.context.WorkContext;
import io.handoff.shared.json.ItemParser;
import io.handoff.shared.json.MalformedItemException;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Result;
import io.handoff.shared.runtime.InstanceConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a worker does with one record: parse, validate, then, with the item's {@link WorkContext} open, do its
 * work and apply its transfer to the ledger. The context is closed in every case, so the next item on this
 * thread starts clean. The result is made here, on the worker, with the worker's name and finish time.
 */
@Singleton // no client proxy in front of a per-item call
public class ItemWork {

    private static final long PID = ProcessHandle.current().pid();

    private final InstanceConfig instance;
    private final Ledger ledger;
    private final Slowdown slowdown;
    private final long crashEvery;
    private final AtomicLong taken = new AtomicLong();

    @Inject
    public ItemWork(InstanceConfig instance, ConsumerConfig config, Ledger ledger, Slowdown slowdown) {
        this.instance = instance;
        this.ledger = ledger;
        this.slowdown = slowdown;
        this.crashEvery = config.chaos().workerCrashEvery();
    }

    /**
     * @param rejectReason why the record is already known to be malformed, or null
     * @throws WorkerCrash on purpose, every {@code chaos.worker-crash-every} records: the thread dies
     */
    Outcome apply(ConsumerRecord<String, byte[]> record, String rejectReason, String worker) throws InterruptedException {
        if (crashEvery > 0 && taken.incrementAndGet() % crashEvery == 0) {
            throw new WorkerCrash(worker + " dies before applying offset " + record.offset() + " (chaos)");
        }
        Item item;
        try {
            if (rejectReason != null) {
                throw new MalformedItemException(rejectReason);
            }
            item = ItemParser.parse(record.value());
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
        }
        return new Outcome.Applied(item, new Result(item.runId(), item.producerId(), item.seq(), instance.instanceId(),
                PID, worker, record.partition(), record.offset(), item.createdAtMs(), System.currentTimeMillis()));
    }
}
