package io.handoff.consumer.sentinel;

import io.handoff.consumer.commit.HandOver;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Tells the sentinel tracker which partitions of {@code items} this consumer holds, as the group assigns
 * and revokes them. Runs on the channel's polling thread.
 *
 * <p>A partition that arrives with committed records is read from one record earlier: the last committed
 * record, re-read, says whether an earlier owner finished the partition (it is a sentinel of this run: see
 * {@link SentinelTracker}). That record is never processed again. A revoked partition commits what it finished.
 */
@ApplicationScoped
@Identifier("items-rebalance")
public class PartitionWatch implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionWatch.class);
    private static final int COMMITTED_ATTEMPTS = 3;

    private final SentinelTracker tracker;
    /** What a hand-over commits, and when the next owner may redo work: the commit room's rules. */
    private final HandOver handOver;

    @Inject
    public PartitionWatch(SentinelTracker tracker, HandOver handOver) {
        this.tracker = tracker;
        this.handOver = handOver;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("assigned %s", partitions);
        tracker.assigned(partitions.stream().map(TopicPartition::partition).toList());
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committed(consumer, partitions);
        if (committed == null) {
            // Without the committed offsets there is no telling a finished partition from a fresh one, and
            // reading on from them could wait forever for sentinels already passed. Read from the start instead:
            // work may be done twice, never lost, and every sentinel is seen again.
            LOG.errorf("committed offsets of %s unavailable; reading them from the beginning", partitions);
            handOver.readFromTheBeginning();
            consumer.seekToBeginning(partitions);
            partitions.forEach(p -> tracker.startAt(p.partition(), position(consumer, p), false));
            return;
        }
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            boolean replay = offset != null && offset.offset() > 0;
            if (replay) {
                consumer.seek(partition, offset.offset() - 1);
            }
            tracker.startAt(partition.partition(), position(consumer, partition), replay);
        }
    }

    /** Where reading starts; known locally after a seek, else looked up (the reset policy applies). */
    private static long position(Consumer<?, ?> consumer, TopicPartition partition) {
        try {
            return consumer.position(partition);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // Unknown: take whatever comes first, rather than wait for records that never match.
            LOG.warnf("position of %s unknown (%s); taking the first records that come", partition, e.getMessage());
            return 0;
        }
    }

    /** The group's committed offsets, a few tries (each bounded by {@code default.api.timeout.ms}); null if none worked. */
    private static Map<TopicPartition, OffsetAndMetadata> committed(Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        for (int attempt = 1; attempt <= COMMITTED_ATTEMPTS; attempt++) {
            try {
                return consumer.committed(new HashSet<>(partitions));
            } catch (WakeupException | InterruptException e) {
                throw e; // the consumer is being closed or woken up: not a failed lookup
            } catch (KafkaException e) {
                LOG.warnf("looking up committed offsets of %s failed (attempt %d of %d): %s", partitions, attempt,
                        COMMITTED_ATTEMPTS, e.getMessage());
            }
        }
        return null;
    }

    /** Gives the partitions up, by the hand-over's rules: what is finished is committed (see {@link HandOver}). */
    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("revoked %s", partitions);
        List<SentinelTracker.PartitionState> gone = tracker.revoked(
                partitions.stream().map(TopicPartition::partition).toList());
        if (gone.isEmpty()) {
            return;
        }
        try {
            handOver.revoked(consumer, new HandOver.Leaving() {
                @Override
                public boolean awaitDrained(long millis) throws InterruptedException {
                    return tracker.awaitDrained(gone, millis);
                }

                @Override
                public Map<Integer, Long> watermarks() {
                    return tracker.watermarksOf(gone);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lost, not revoked: the group has moved on, so a commit would be refused; the next owner redoes the rest. */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("lost %s", partitions);
        if (!partitions.isEmpty()) {
            handOver.lost();
        }
        tracker.revoked(partitions.stream().map(TopicPartition::partition).toList());
    }

}
