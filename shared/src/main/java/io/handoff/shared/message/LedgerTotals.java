package io.handoff.shared.message;

/**
 * The sum of a ledger's balances against what it started with. Transfers move money, never make it,
 * so {@code drift} is zero in every safe lock mode.
 */
public record LedgerTotals(int accounts, long total, long expectedTotal) {

    /** How far the total moved away from the opening total: lost or invented money. */
    public long drift() {
        return total - expectedTotal;
    }

    /** Whether no money was lost or invented. */
    public boolean conserved() {
        return drift() == 0;
    }
}
