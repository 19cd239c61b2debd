package io.handoff.consumer.commit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The commit rules of a hand-over, when partitions go to another consumer or come from one, and the count of
 * hand-overs after which the next owner may do work again (the run's verdict allows duplicates only where some
 * process reports one):
 * <ul>
 *   <li>revoked: the partitions' work in hand may finish for at most {@value #REVOKE_DRAIN_MS} ms (the poll waits
 *       meanwhile), then what is finished is committed; work still in hand is left to the next owner, a risk;</li>
 *   <li>lost: the group has moved on without this consumer, so a commit would be refused; a risk;</li>
 *   <li>assigned without the group's committed offsets: read from the beginning, a risk;</li>
 *   <li>a commit the group refused (this consumer was fenced): counted by {@link OffsetCommitter#refused()}.</li>
 * </ul>
 */
@ApplicationScoped
public class HandOver {

    /** How long a revocation waits for the revoked partitions' work in hand before committing what is done. */
    static final long REVOKE_DRAIN_MS = 1_000;
    /** How long the last commit may take; the consumer reports after it either way. */
    static final java.time.Duration LAST_COMMIT_TIMEOUT = java.time.Duration.ofSeconds(10);
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HandOver.class);

    /** What a revocation needs of the partitions that go: to wait for their work in hand, and their watermarks. */
    public interface Leaving {
        /** Whether their work in hand finished within {@code millis}. */
        boolean awaitDrained(long millis) throws InterruptedException;

        /** Per partition, the offset below which everything is finished: what may be committed. */
        Map<Integer, Long> watermarks();
    }

    private final OffsetCommitter committer;
    private final AtomicLong repeatRisks = new AtomicLong();

    @Inject
    public HandOver(OffsetCommitter committer) {
        this.committer = committer;
    }

    /** Partitions revoked: let their work finish for a moment, then commit what is finished. */
    public void revoked(Consumer<?, ?> consumer, Leaving leaving) throws InterruptedException {
        if (!leaving.awaitDrained(REVOKE_DRAIN_MS)) {
            repeatRisks.incrementAndGet(); // what is still in hand is uncommitted: the next owner redoes it
        }
        committer.commitSync(consumer, leaving.watermarks());
    }

    /** Partitions lost, not revoked: nothing can be committed; the next owner redoes what was not. */
    public void lost() {
        repeatRisks.incrementAndGet();
    }

    /**
     * Records past these partitions' commits expired (retention) before anyone read them: the commits move to the
     * first records kept, so that the next owner neither counts them again nor looks for them. A refused commit
     * only means that it does.
     */
    public void expired(Consumer<?, ?> consumer, Map<Integer, Long> firstKept) {
        committer.commitSync(consumer, firstKept);
    }

    /** Partitions assigned without their committed offsets, read from the beginning: work may be done twice. */
    public void readFromTheBeginning() {
        repeatRisks.incrementAndGet();
    }

    /**
     * The last commit, as the consumer stops: every finished record's offset, before it reports, within 10 s;
     * false (and said) if it did not go through, when the next owner may redo some work.
     */
    public boolean last(java.util.function.Supplier<Map<Integer, Long>> watermarks) {
        boolean done = committer.commit(watermarks, LAST_COMMIT_TIMEOUT);
        if (!done) {
            LOG.warn("the last commit did not go through; the next owner may redo some work");
        }
        return done;
    }

    /** Hand-overs so far after which work may be done twice, refused commits included. */
    public long repeatRisks() {
        return repeatRisks.get() + committer.refused();
    }
}
