package io.handoff.consumer.sentinel;

import io.handoff.consumer.commit.HandOver;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
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
    /** The broker has just answered for the commits; if it does not say this, reading goes on as before. */
    private static final Duration FIRST_KEPT_TIMEOUT = Duration.ofSeconds(5);

    private final SentinelTracker tracker;
    /** What a hand-over commits, and when the next owner may redo work: the commit room's rules. */
    private final HandOver handOver;
    private final Counter expired;

    @Inject
    public PartitionWatch(SentinelTracker tracker, HandOver handOver, MeterRegistry registry) {
        this.tracker = tracker;
        this.handOver = handOver;
        this.expired = Counter.builder(MetricNames.ITEMS_EXPIRED)
                .description("Records past a partition's commit that the broker's retention deleted before they were read")
                .register(registry);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("assigned %s", partitions);
        tracker.assigned(partitions.stream().map(TopicPartition::partition).toList());
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committed(consumer, partitions);
        Map<TopicPartition, Long> firstKept = firstKept(consumer, partitions);
        if (committed == null) {
            // Without the committed offsets there is no telling a finished partition from a fresh one, and
            // reading on from them could wait forever for sentinels already passed. Read from the start instead:
            // work may be done twice, never lost, and every sentinel is seen again.
            LOG.errorf("committed offsets of %s unavailable; reading them from the beginning", partitions);
            handOver.readFromTheBeginning();
            consumer.seekToBeginning(partitions);
            partitions.forEach(p -> tracker.startAt(p.partition(), position(consumer, p, firstKept.get(p)), false));
            return;
        }
        Map<Integer, Long> expiredTo = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            boolean replay = offset != null && offset.offset() > 0;
            long from = offset == null ? -1 : replay ? offset.offset() - 1 : offset.offset();
            Long kept = firstKept.get(partition);
            if (from >= 0 && kept != null && from < kept) {
                // The broker's retention deleted records past the commit (an outage or a stalled group outlasted
                // it). Kafka would reset to the earliest record on its own, and the tracker would wait forever for
                // the record it was told comes first. Start at the first record there is; what expired is lost.
                if (offset.offset() < kept) {
                    expired.increment(kept - offset.offset());
                    expiredTo.put(partition.partition(), kept);
                    LOG.errorf("%s: records %d to %d expired (retention) before they were processed; "
                            + "reading on from %d", partition, offset.offset(), kept - 1, kept);
                } else {
                    LOG.errorf("%s: the committed record %d expired (retention); reading on from %d. If it was the "
                            + "run's last sentinel there, the partition will not be seen to finish", partition, from,
                            kept);
                }
                consumer.seek(partition, kept);
                tracker.startAt(partition.partition(), kept, false);
                continue;
            }
            if (replay) {
                consumer.seek(partition, from);
            }
            tracker.startAt(partition.partition(), position(consumer, partition, kept), replay);
        }
        // Past what expired, so that the next owner neither counts it again nor looks for it.
        handOver.expired(consumer, expiredTo);
    }

    /** The first offset each partition still holds; empty where the broker did not say (reading goes on as before). */
    private static Map<TopicPartition, Long> firstKept(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try {
            return consumer.beginningOffsets(partitions, FIRST_KEPT_TIMEOUT);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("first offsets of %s unknown (%s): expired records would go unnoticed", partitions, e.getMessage());
            return Map.of();
        }
    }

    /**
     * Where reading starts; known locally after a seek, else looked up (the reset policy applies: the earliest
     * record, which {@code firstKept} already says if the lookup fails).
     */
    private static long position(Consumer<?, ?> consumer, TopicPartition partition, Long firstKept) {
        try {
            return consumer.position(partition);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            if (firstKept != null) {
                LOG.warnf("position of %s unknown (%s); reading from its first record, %d", partition, e.getMessage(),
                        firstKept);
                return firstKept;
            }
            // Unknown: take whatever comes first, rather than wait for records that never match.
            LOG.warnf("position of %s unknown (%s); taking the first records that come", partition, e.getMessage());
            return SentinelTracker.FIRST_THAT_COMES;
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
