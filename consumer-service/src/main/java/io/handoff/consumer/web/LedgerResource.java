package io.handoff.consumer.web;

import io.handoff.consumer.ledger.Ledger;
import io.handoff.consumer.ledger.LockStats;
import io.handoff.consumer.work.AuditSink;
import io.handoff.shared.message.LedgerTotals;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
            int auditHighWater, long contextMissing, long auditItems, long auditWrites) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response ledger() {
        Optional<LedgerTotals> snapshot = ledger.totalsWithin(Duration.ofSeconds(1));
        if (snapshot.isEmpty()) {
            return Response.status(503).entity(Map.of("error", "the account locks stayed busy for a second: "
                    + "no consistent snapshot (deadlocked workers, in naive mode without the watchdog?)")).build();
        }
        LedgerTotals totals = snapshot.get();
        LockStats stats = ledger.stats();
        return Response.ok(new LedgerView(ledger.mode().label(), totals.accounts(), totals.total(),
                totals.expectedTotal(), totals.drift(), stats.reentries(), stats.tryLockTimeouts(),
                stats.deadlocksBroken(), audit.permits(), audit.inUse(), audit.highWater(), audit.contextMissing(),
                audit.itemsWritten(), audit.writes()))
                .build();
    }
}
