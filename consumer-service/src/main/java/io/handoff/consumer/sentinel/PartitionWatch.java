package io.handoff.consumer.sentinel;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * Tells the sentinel tracker which partitions of {@code items} this consumer holds, as the group assigns
 * and revokes them. Runs on the channel's polling thread.
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
