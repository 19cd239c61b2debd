package io.handoff.consumer.sentinel;

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
import java.util.Map;

/**
 * Tells the sentinel tracker which partitions of {@code items} this consumer holds, as the group assigns
 * and revokes them. Runs on the channel's polling thread.
 *
 * <p>A partition that arrives with committed records is read from one record earlier: the last committed
 * record, re-read, says whether an earlier owner finished the partition (it is a sentinel of this run: see
 * {@link SentinelTracker}). That record is never processed again.
 */
@ApplicationScoped
@Identifier("items-rebalance")
public class PartitionWatch implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionWatch.class);
    private static final int COMMITTED_ATTEMPTS = 3;

    private final SentinelTracker tracker;

    @Inject
    public PartitionWatch(SentinelTracker tracker) {
        this.tracker = tracker;
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
            consumer.seekToBeginning(partitions);
            return;
        }
        committed.forEach((partition, offset) -> {
            if (offset != null && offset.offset() > 0) {
                tracker.replayFrom(partition.partition(), offset.offset() - 1);
                consumer.seek(partition, offset.offset() - 1);
            }
        });
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

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("revoked %s", partitions);
        tracker.revoked(partitions.stream().map(TopicPartition::partition).toList());
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
