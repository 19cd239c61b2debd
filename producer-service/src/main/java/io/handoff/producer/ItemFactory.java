package io.handoff.producer;

import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the items of one producer: a transfer between two distinct random accounts, keyed by the paying
 * account so that one account's debits reach one partition, in order.
 *
 * <p>Stateless apart from immutable settings, so every generator thread shares one instance; the random
 * numbers come from {@link ThreadLocalRandom}, which gives each thread its own generator without contention.
 */
final class ItemFactory {

    private final String runId;
    private final String producerId;
    private final int accounts;
    private final String payload;

    ItemFactory(String runId, String producerId, int accounts, int payloadBytes) {
        if (accounts < 2) {
            throw new IllegalArgumentException("handoff.ledger.accounts must be at least 2, got " + accounts);
        }
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("handoff.producer.payload-bytes must be >= 0, got " + payloadBytes);
        }
        this.runId = runId;
        this.producerId = producerId;
        this.accounts = accounts;
        this.payload = "x".repeat(payloadBytes);
    }

    Item create(long seq) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(accounts);
        int to = random.nextInt(accounts - 1);
        if (to >= from) {
            to++; // skip 'from' itself, keeping the choice uniform over the other accounts
        }
        long amount = 1 + random.nextInt(100);
        return new Item(runId, producerId, seq, "acct-" + from, System.currentTimeMillis(),
                new Transfer(from, to, amount), payload);
    }
}
