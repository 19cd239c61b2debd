package io.handoff.consumer.ledger;

/**
 * {@code unsafe}: no locks. Two workers changing one balance at once both read the old value and the
 * second write wins: the classic {@code balance += n} race, visible as ledger drift.
 */
final class UnsafeTransfers implements TransferLocking {

    private final Posting posting;

    UnsafeTransfers(Posting posting) {
        this.posting = posting;
    }

    @Override
    public void transfer(Account from, Account to, long amount) {
        posting.unguarded(from, to, amount);
    }
}
