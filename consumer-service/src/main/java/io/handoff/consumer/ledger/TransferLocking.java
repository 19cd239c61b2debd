package io.handoff.consumer.ledger;

/** How one lock mode guards a transfer; one class per mode, so each reads on its own. */
sealed interface TransferLocking permits UnsafeTransfers, OrderedLocking, TryLockBackoff, NaiveLocking {

    /** Moves {@code amount} from one account to the other, guarded as this mode guards it. */
    void transfer(Account from, Account to, long amount) throws InterruptedException;
}
