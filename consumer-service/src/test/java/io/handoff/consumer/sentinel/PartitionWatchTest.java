package io.handoff.consumer.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.consumer.commit.HandOver;
import io.handoff.consumer.commit.OffsetCommitter;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an assignment starts reading, against Kafka's own {@link MockConsumer}: after the committed record, or,
 * where the broker's retention has deleted records past the commit, at the first record it still has. Before that
 * rule, a consumer told its partition starts at an expired offset waited for that record forever while Kafka fed it
 * the later ones: a whole pipeline stalled after a broker outage longer than the soak's retention.
 */
class PartitionWatchTest {

    private static final TopicPartition EXPIRED = new TopicPartition("items", 0);
    private static final TopicPartition KEPT = new TopicPartition("items", 1);
    private static final TopicPartition ONLY_THE_COMMITTED_RECORD_EXPIRED = new TopicPartition("items", 2);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final SentinelTracker tracker = new SentinelTracker("run-1");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PartitionWatch watch = new PartitionWatch(tracker, new HandOver(new OffsetCommitter(null)), registry);
    private final List<ConsumerRecord<String, byte[]>> taken = new ArrayList<>();
    private final SentinelTracker.Intake intake = (record, segment, reject) -> taken.add(record);

    @Test
    void anAssignmentStartsAtTheCommittedRecordOrAtTheFirstRecordTheBrokerStillHas() {
        tracker.expectProducers(List.of("producer-0"));
        List<TopicPartition> partitions = List.of(EXPIRED, KEPT, ONLY_THE_COMMITTED_RECORD_EXPIRED);
        consumer.assign(partitions);
        consumer.commitSync(Map.of(EXPIRED, new OffsetAndMetadata(100), KEPT, new OffsetAndMetadata(100),
                ONLY_THE_COMMITTED_RECORD_EXPIRED, new OffsetAndMetadata(100)));
        consumer.updateBeginningOffsets(Map.of(EXPIRED, 150L, KEPT, 20L, ONLY_THE_COMMITTED_RECORD_EXPIRED, 100L));

        watch.onPartitionsAssigned(consumer, partitions);

        assertThat(consumer.position(EXPIRED)).as("records 100-149 expired: the first kept").isEqualTo(150);
        assertThat(consumer.position(KEPT)).as("the committed record, read again").isEqualTo(99);
        assertThat(consumer.position(ONLY_THE_COMMITTED_RECORD_EXPIRED)).isEqualTo(100);
        assertThat(tracker.admit(0, List.of(item(0, 150), item(0, 151)), intake))
                .as("what Kafka delivers after the expired records is taken").isEqualTo(2);
        assertThat(tracker.admit(1, List.of(item(1, 99), item(1, 100)), intake))
                .as("the committed record is read again, not processed again").isEqualTo(1);
        assertThat(tracker.admit(2, List.of(item(2, 100)), intake)).isEqualTo(1);
        assertThat(taken).extracting(ConsumerRecord::offset).containsExactly(150L, 151L, 100L, 100L);
        assertThat(registry.get(MetricNames.ITEMS_EXPIRED).counter().count()).as("100-149, lost").isEqualTo(50);
        assertThat(consumer.committed(java.util.Set.of(EXPIRED)).get(EXPIRED).offset())
                .as("committed past what expired: the next owner does not count it again").isEqualTo(150);
        assertThat(consumer.committed(java.util.Set.of(KEPT)).get(KEPT).offset()).as("left as it was").isEqualTo(100);
    }

    @Test
    void aPartitionWithoutACommitWhosePositionCannotBeLookedUpStartsAtItsFirstRecord() {
        MockConsumer<String, byte[]> noReset = new MockConsumer<>("none");
        tracker.expectProducers(List.of("producer-0"));
        noReset.assign(List.of(EXPIRED));
        noReset.updateBeginningOffsets(Map.of(EXPIRED, 70L));

        watch.onPartitionsAssigned(noReset, List.of(EXPIRED));

        assertThat(tracker.admit(0, List.of(item(0, 71)), intake)).as("not where it starts: a stale poll").isZero();
        assertThat(tracker.admit(0, List.of(item(0, 70), item(0, 71)), intake)).isEqualTo(2);
    }

    @Test
    void anAssignmentWhosePositionIsUnknownTakesTheFirstRecordsThatCome() {
        tracker.expectProducers(List.of("producer-0"));
        tracker.assigned(List.of(0));
        tracker.startAt(0, SentinelTracker.FIRST_THAT_COMES, false);

        assertThat(tracker.admit(0, List.of(item(0, 500), item(0, 501)), intake)).isEqualTo(2);
        assertThat(tracker.admit(0, List.of(item(0, 501), item(0, 502)), intake))
                .as("and not what it took before").isEqualTo(1);
    }

    private static ConsumerRecord<String, byte[]> item(int partition, long offset) {
        return new ConsumerRecord<>("items", partition, offset, "acct-1", "{}".getBytes(StandardCharsets.UTF_8));
    }
}
