package io.handoff.shared.message;

/**
 * The work an item carries: move {@code amount} from one ledger account to another.
 *
 * <p>A transfer conserves money by construction, so the sum of all balances is the invariant every
 * safe ledger mode must keep.
 */
public record Transfer(int from, int to, long amount) {

    public Transfer {
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("accounts must be >= 0, got from=" + from + " to=" + to);
        }
        if (from == to) {
            throw new IllegalArgumentException("from and to must differ, both are " + from);
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be > 0, got " + amount);
        }
    }
}
