package io.handoff.consumer.stop;

import io.handoff.consumer.config.ConsumerConfig;
import io.handoff.consumer.commit.HandOver;
import io.handoff.consumer.ledger.Ledger;
import io.handoff.consumer.ledger.LockStats;
import io.handoff.consumer.sentinel.SentinelTracker;
import io.handoff.consumer.work.AuditSink;
import io.handoff.consumer.work.WorkerPool;
import io.handoff.consumer.work.ConsumerCounters;
import io.handoff.consumer.work.OutstandingWork;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.ConsumerStats;
import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.runtime.ControlInbox;
import io.handoff.shared.runtime.InstanceConfig;
import io.handoff.shared.runtime.StatusPublisher;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a consumer stops, once {@code FinishLine} says it is done: wait until the work in hand is finished,
 * report its counts, ledger and finished partitions, exit. Runs on its own thread, because the decision is
 * taken on the event loop or a Kafka thread, which must never block. A second start is ignored.
 */
@ApplicationScoped
public class StopSequence {

    private static final Logger LOG = Logger.getLogger(StopSequence.class);

    private final InstanceConfig instance;
    /** Its counts of refused control records go into the done report. */
    private final ControlInbox control;
    /** The commit room's rules for the last commit, and its count of risky hand-overs for the done report. */
    private final HandOver handOver;
    private final ConsumerConfig config;
    private final OutstandingWork outstanding;
    private final ConsumerCounters counters;
    private final Ledger ledger;
    private final WorkerPool workers;
    private final AuditSink audit;
    private final SentinelTracker sentinels;
    private final StatusPublisher status;
    private final AtomicBoolean started = new AtomicBoolean();

    @Inject
    public StopSequence(InstanceConfig instance, ConsumerConfig config, OutstandingWork outstanding,
            ConsumerCounters counters, Ledger ledger, WorkerPool workers, AuditSink audit, SentinelTracker sentinels,
            StatusPublisher status, HandOver handOver, ControlInbox control) {
        this.control = control;
        this.handOver = handOver;
        this.instance = instance;
        this.config = config;
        this.outstanding = outstanding;
        this.counters = counters;
        this.ledger = ledger;
        this.workers = workers;
        this.audit = audit;
        this.sentinels = sentinels;
        this.status = status;
    }

    public void start() {
        if (!started.compareAndSet(false, true)) {
            LOG.info("stop already under way; ignoring the repeat");
            return;
        }
        Thread.ofPlatform().daemon(false).name("stop-sequence").start(this::run);
    }

    private void run() {
        int exitCode = 0;
        try {
            long deadline = System.nanoTime() + config.drainTimeout().toNanos();
            ConsumerDone done = report(List.of(), deadline);
            exitCode = done == null ? 1 : 0;
            // A report may go out long after it was made: a consumer that held nothing stops, the broker is away,
            // and the group, back, gives it partitions meanwhile. They are its own to finish and report, or the
            // run would see them never finished; what it reported finished before stays finished.
            while (done != null && cameWhileReporting(done) && System.nanoTime() < deadline) {
                LOG.infof("partitions %s came while reporting; finishing them and reporting again", sentinels.held());
                awaitHeldFinished(deadline);
                ConsumerDone again = report(done.finished(), deadline);
                exitCode = again == null ? 1 : exitCode;
                done = again;
            }
        } catch (Exception e) {
            LOG.error("could not finish the stop sequence cleanly", e);
            exitCode = 1;
        }
        if (config.exitOnStop()) {
            Quarkus.asyncExit(exitCode);
        }
    }

    /**
     * Waits for the work in hand, commits, reports; with the partitions finished now and those {@code reported}
     * finished before. Null if the work in hand did not finish in time (it reports anyway).
     */
    private ConsumerDone report(List<Integer> reported, long deadline) throws Exception {
        boolean drained = outstanding.awaitNone(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (!drained) {
            LOG.errorf("%d records still unfinished after %s; reporting anyway", outstanding.count(),
                    config.drainTimeout());
        }
        // Every finished record's offset (and, on finished partitions, the sentinels) committed before
        // reporting: what comes after the last commit would be delivered again to the next owner.
        handOver.last(sentinels::watermarks);
        java.util.TreeSet<Integer> finished = new java.util.TreeSet<>(reported);
        finished.addAll(sentinels.finished());
        LedgerTotals totals = ledger.totals();
        ConsumerDone done = new ConsumerDone(instance.runId(), instance.instanceId(), counters.processedCount(),
                counters.malformedCount(), counters.foreignCount(), counters.failedCount(), totals,
                stats(), List.copyOf(finished), System.currentTimeMillis(), control.refused(),
                handOver.repeatRisks());
        status.publish(done).toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("done: %d processed, %d malformed, %d foreign, %d failed; ledger drift %d",
                done.processed(), done.malformed(), done.foreign(), done.failed(), totals.drift());
        return drained ? done : null;
    }

    /** Partitions finished since the report was made, or held and not finished: the report is out of date. */
    private boolean cameWhileReporting(ConsumerDone done) {
        return !done.finished().containsAll(sentinels.finished())
                || (!sentinels.holdsNone() && !sentinels.allHeldFinished());
    }

    /** Until every partition held is finished by its sentinels (or none is held), or the deadline. */
    private void awaitHeldFinished(long deadline) throws InterruptedException {
        while (!sentinels.holdsNone() && !sentinels.allHeldFinished() && System.nanoTime() < deadline) {
            Thread.sleep(100); // the tracker's state, asked again: no signal to wait on from this thread
        }
    }

    private ConsumerStats stats() {
        LockStats locks = ledger.stats();
        return new ConsumerStats(ledger.mode().label(), workers.kind().label(), workers.workers(), locks.reentries(),
                locks.tryLockTimeouts(), locks.deadlocksBroken(), audit.permits(), audit.highWater(),
                audit.contextMissing(), workers.replaced());
    }
}
