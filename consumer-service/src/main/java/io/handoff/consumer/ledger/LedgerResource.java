package io.handoff.consumer.ledger;

import io.handoff.consumer.work.AuditSink;
import io.handoff.shared.message.LedgerTotals;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /ledger}: the bank's state and how its locks and semaphore have behaved. */
@Path("/ledger")
public class LedgerResource {

    private final Ledger ledger;
    private final AuditSink audit;

    @Inject
    public LedgerResource(Ledger ledger, AuditSink audit) {
        this.ledger = ledger;
        this.audit = audit;
    }

    /** The answer; {@code drift} is zero in every safe lock mode. */
    public record LedgerView(String lockMode, int accounts, long total, long expectedTotal, long drift,
            long reentries, long tryLockTimeouts, long deadlocksBroken, int auditPermits, int auditInUse,
            int auditHighWater, long contextMissing) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public LedgerView ledger() {
        LedgerTotals totals = ledger.totals();
        LockStats stats = ledger.stats();
        return new LedgerView(ledger.mode().label(), totals.accounts(), totals.total(), totals.expectedTotal(),
                totals.drift(), stats.reentries(), stats.tryLockTimeouts(), stats.deadlocksBroken(), audit.permits(),
                audit.inUse(), audit.highWater(), audit.contextMissing());
    }
}
