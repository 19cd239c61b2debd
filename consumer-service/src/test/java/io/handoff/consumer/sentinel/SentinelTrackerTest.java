package io.handoff.consumer.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.consumer.commit.Segment;
import io.handoff.shared.json.Json;
import io.handoff.shared.message.Sentinel;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SentinelTrackerTest {

    private static final String RUN = "run-1";

    /** The records handed to workers, with the segment each counts down. */
    private final List<ConsumerRecord<String, byte[]>> taken = new ArrayList<>();
    private final List<Segment<SentinelTracker.PartitionState>> segments = new ArrayList<>();
    private final SentinelTracker.Intake intake = (record, segment, reject) -> {
        taken.add(record);
        segments.add(segment);
    };

    @Test
    void sentinelsAreCommittedOnlyWhenTheirPartitionFinishes() {
        SentinelTracker tracker = tracker(List.of("producer-0", "producer-1"), 0);
        AtomicInteger finishes = new AtomicInteger();
        tracker.onChange(finishes::incrementAndGet);

        assertThat(tracker.admit(0, List.of(item(0, 0), sentinel(0, 1, RUN, "producer-0")), intake)).isEqualTo(1);
        finish(tracker, 0);
        assertThat(tracker.watermarks()).as("one producer's sentinel: the commit must stay before it").isEmpty();

        tracker.admit(0, List.of(sentinel(0, 2, RUN, "producer-1")), intake);
        assertThat(tracker.allHeldFinished()).isTrue();
        assertThat(tracker.finished()).containsExactly(0);
        assertThat(tracker.watermarks()).as("finished: the commit passes every sentinel").isEqualTo(Map.of(0, 3L));
    }

    @Test
    void theCommitWaitsForTheOldestUnfinishedPoll() {
        SentinelTracker tracker = tracker(List.of("producer-0"), 0);
        tracker.admit(0, List.of(item(0, 0), item(0, 1)), intake);
        tracker.admit(0, List.of(item(0, 2), item(0, 3)), intake);

        finish(tracker, 2);
        finish(tracker, 3);
        assertThat(tracker.watermarks()).as("later work done, earlier work still in hand").isEmpty();
        finish(tracker, 0);
        assertThat(tracker.watermarks()).as("one item of the first poll still in hand").isEmpty();
        finish(tracker, 1);
        assertThat(tracker.watermarks()).isEqualTo(Map.of(0, 4L));
    }

    @Test
    void aRevokedAssignmentCommitsOnlyWhatItFinishedAndTheNextAssignmentStartsOver() {
        SentinelTracker tracker = tracker(List.of("producer-0"), 0);
        tracker.admit(0, List.of(item(0, 0), sentinel(0, 1, RUN, "producer-0"), item(0, 2)), intake);
        assertThat(taken).as("nothing after every sentinel is taken").hasSize(1);

        List<SentinelTracker.PartitionState> gone = tracker.revoked(List.of(0));
        assertThat(tracker.watermarksOf(gone)).as("revoked unfinished: the commit stays before the sentinel").isEmpty();
        tracker.assigned(List.of(0));
        tracker.startAt(0, 0, false);
        finish(tracker, 0);

        assertThat(tracker.watermarksOf(gone)).as("finished while the revocation waited: past its sentinel")
                .isEqualTo(Map.of(0, 2L));
        assertThat(tracker.watermarks()).as("the new assignment has committed nothing").isEmpty();
        assertThat(tracker.admit(0, List.of(item(0, 0)), intake)).as("the new assignment reads everything again")
                .isEqualTo(1);
        assertThat(tracker.allHeldFinished()).isFalse();
    }

    @Test
    void aRecordAfterEverySentinelIsNeverCommitted() {
        SentinelTracker tracker = tracker(List.of("producer-0"), 0);
        tracker.admit(0, List.of(item(0, 0), sentinel(0, 1, RUN, "producer-0"), item(0, 2), item(0, 3)), intake);
        finish(tracker, 0);

        assertThat(tracker.finished()).containsExactly(0);
        assertThat(tracker.watermarks()).as("just past the last sentinel: the proof a later owner reads")
                .isEqualTo(Map.of(0, 2L));
    }

    @Test
    void theReplayedCommittedRecordIsNotProcessedAndASentinelThereFinishesThePartition() {
        SentinelTracker tracker = tracker(List.of("producer-0"), 3, 4);
        tracker.startAt(3, 41, true);
        tracker.startAt(4, 41, true);

        assertThat(tracker.admit(3, List.of(sentinel(3, 41, RUN, "producer-0"), item(3, 42)), intake)).isZero();
        assertThat(tracker.admit(4, List.of(item(4, 41), item(4, 42)), intake))
                .as("an item re-read is not done again").isEqualTo(1);
        assertThat(taken.getFirst().offset()).isEqualTo(42);
        assertThat(tracker.finished()).containsExactly(3);
        assertThat(tracker.watermarks()).as("nothing new finished on 3, nothing at all on 4").isEmpty();
    }

    @Test
    void aStalePollOfAnEarlierAssignmentIsDroppedAndRecordsAlreadyTakenAreNotTakenTwice() {
        SentinelTracker tracker = tracker(List.of("producer-0"), 0);
        tracker.startAt(0, 10, true);

        assertThat(tracker.admit(0, List.of(item(0, 20), item(0, 21)), intake))
                .as("a poll that does not start where this assignment does").isZero();
        assertThat(tracker.admit(0, List.of(item(0, 10), item(0, 11), item(0, 12)), intake)).isEqualTo(2);
        assertThat(tracker.admit(0, List.of(item(0, 12), item(0, 13)), intake)).isEqualTo(1);
        assertThat(taken).extracting(ConsumerRecord::offset).containsExactly(11L, 12L, 13L);
        assertThat(tracker.admit(5, List.of(item(5, 0)), intake)).as("a partition not held").isZero();
    }

    @Test
    void anotherRunsSentinelIsCommittedWithItsPollAndAMalformedOneIsTakenToBeDeadLettered() {
        SentinelTracker tracker = tracker(List.of("producer-0"), 0);
        ConsumerRecord<String, byte[]> junk = new ConsumerRecord<>("items", 0, 1, "k", "{".getBytes(StandardCharsets.UTF_8));
        junk.headers().add(Sentinel.KIND_HEADER, Sentinel.KIND.getBytes(StandardCharsets.UTF_8));
        List<String> reasons = new ArrayList<>();

        tracker.admit(0, List.of(sentinel(0, 0, "another-run", "producer-0"), junk),
                (record, segment, reject) -> {
                    reasons.add(reject);
                    intake.take(record, segment, reject);
                });
        assertThat(reasons).singleElement().asString().startsWith("sentinel header on a record that is not a sentinel");
        assertThat(tracker.watermarks()).as("the junk is still in hand").isEmpty();
        finish(tracker, 0);
        assertThat(tracker.watermarks()).isEqualTo(Map.of(0, 2L));
        assertThat(tracker.finished()).isEmpty();
    }

    /** Headers anyone can write: without a value, or a sentinel's with no body or a JSON null, nothing throws. */
    @Test
    void aKindHeaderWithoutAValueOrASentinelWithoutABodyIsJudgedNotThrown() {
        SentinelTracker tracker = tracker(List.of("producer-0"), 0);
        ConsumerRecord<String, byte[]> noValue = new ConsumerRecord<>("items", 0, 0, "k", "{}".getBytes(StandardCharsets.UTF_8));
        noValue.headers().add(Sentinel.KIND_HEADER, null);
        ConsumerRecord<String, byte[]> noBody = new ConsumerRecord<>("items", 0, 1, null, null);
        noBody.headers().add(Sentinel.KIND_HEADER, Sentinel.KIND.getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> jsonNull = new ConsumerRecord<>("items", 0, 2, "k", "null".getBytes(StandardCharsets.UTF_8));
        jsonNull.headers().add(Sentinel.KIND_HEADER, Sentinel.KIND.getBytes(StandardCharsets.UTF_8));
        List<String> reasons = new ArrayList<>();

        tracker.admit(0, List.of(noValue, noBody, jsonNull), (record, segment, reject) -> {
            reasons.add(String.valueOf(reject));
            intake.take(record, segment, reject);
        });

        assertThat(SentinelTracker.isSentinel(noValue)).as("a kind header without a value").isFalse();
        assertThat(reasons).hasSize(3);
        assertThat(reasons.getFirst()).as("judged as an item by the worker").isEqualTo("null");
        assertThat(reasons.subList(1, 3)).allSatisfy(r -> assertThat(r).startsWith("sentinel header on a record that is not a sentinel"));
    }

    private SentinelTracker tracker(List<String> producers, Integer... partitions) {
        SentinelTracker tracker = new SentinelTracker(RUN);
        tracker.expectProducers(producers);
        tracker.assigned(List.of(partitions));
        for (int partition : partitions) {
            tracker.startAt(partition, 0, false);
        }
        return tracker;
    }

    /** Finishes the i-th record taken, as a worker and Kafka's callback would. */
    private void finish(SentinelTracker tracker, int i) {
        Segment<SentinelTracker.PartitionState> segment = segments.get(i);
        if (segment.itemDone()) {
            tracker.itemsDone(segment);
        }
    }

    private static ConsumerRecord<String, byte[]> item(int partition, long offset) {
        return new ConsumerRecord<>("items", partition, offset, "acct-1", "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, byte[]> sentinel(int partition, long offset, String run, String producer) {
        try {
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("items", partition, offset, null,
                    Json.mapper().writeValueAsBytes(new Sentinel(run, producer, 10, partition, 0)));
            record.headers().add(Sentinel.KIND_HEADER, Sentinel.KIND.getBytes(StandardCharsets.UTF_8));
            return record;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
