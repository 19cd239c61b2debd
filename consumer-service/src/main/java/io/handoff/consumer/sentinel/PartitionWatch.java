package io.handoff.consumer.sentinel;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        committed.forEach((partition, offset) -> {
            if (offset != null && offset.offset() > 0) {
                tracker.replayFrom(partition.partition(), offset.offset() - 1);
                consumer.seek(partition, offset.offset() - 1);
            }
        });
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
