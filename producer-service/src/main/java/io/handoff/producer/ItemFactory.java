package io.handoff.producer;

import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the items of one producer: a transfer between two distinct accounts, keyed by the paying account so
 * that one account's debits reach one partition, in order. A share of transfers pays into a few hot accounts,
 * so that consumers' workers contend for the same locks, as real traffic does.
 *
 * <p>Stateless apart from immutable settings, so every generator thread shares one instance; the random
 * numbers come from {@link ThreadLocalRandom}, which gives each thread its own generator without contention.
 */
final class ItemFactory {

    private final String runId;
    private final String producerId;
    private final int accounts;
    private final int hotAccounts;
    private final double hotShare;
    private final Work work;
    private final String payload;

    ItemFactory(String runId, String producerId, int accounts, int hotAccounts, double hotShare, Work work,
            int payloadBytes) {
        if (accounts < 2) {
            throw new IllegalArgumentException("handoff.ledger.accounts must be at least 2, got " + accounts);
        }
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("handoff.producer.payload-bytes must be >= 0, got " + payloadBytes);
        }
        if (hotAccounts < 0 || hotAccounts > accounts || hotShare < 0 || hotShare > 1) {
            throw new IllegalArgumentException("handoff.producer.hot-accounts must be from 0 to " + accounts
                    + " and hot-share from 0 to 1, got " + hotAccounts + " and " + hotShare);
        }
        this.runId = runId;
        this.producerId = producerId;
        this.accounts = accounts;
        this.hotAccounts = hotAccounts;
        this.hotShare = hotShare;
        this.work = work;
        this.payload = "x".repeat(payloadBytes);
    }

    /** @param createdAtMs when the item is meant to be sent: the start of its end-to-end latency */
    Item create(long seq, long createdAtMs) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // A fifth as many transfers also pay from a hot account: hot-to-hot transfers in both directions are
        // what can deadlock under naive locking.
        int from = hot(random, hotShare / 5) ? random.nextInt(hotAccounts) : random.nextInt(accounts);
        int to = hot(random, hotShare) ? random.nextInt(hotAccounts) : random.nextInt(accounts);
        if (to == from) {
            to = (from + 1 + random.nextInt(accounts - 1)) % accounts; // any other account, uniformly
        }
        long amount = 1 + random.nextInt(100);
        return new Item(runId, producerId, seq, "acct-" + from, createdAtMs,
                new Transfer(from, to, amount), work, payload);
    }

    private boolean hot(ThreadLocalRandom random, double share) {
        return hotAccounts > 0 && random.nextDouble() < share;
    }
}
