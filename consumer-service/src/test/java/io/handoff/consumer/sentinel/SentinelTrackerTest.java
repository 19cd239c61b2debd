package io.handoff.consumer.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.consumer.sentinel.SentinelTracker.Admission.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SentinelTrackerTest {

    @Test
    void sentinelsAreAcknowledgedOnlyWhenTheirPartitionFinishes() {
        SentinelTracker tracker = new SentinelTracker();
        AtomicInteger finishes = new AtomicInteger();
        tracker.onChange(finishes::incrementAndGet);
        tracker.expectProducers(List.of("producer-0", "producer-1"));
        tracker.assigned(List.of(0));
        List<String> acked = new ArrayList<>();

        SentinelTracker.PartitionState item = tracker.admit(0, 0, false).state();
        tracker.sentinel(0, "producer-0", () -> acked.add("producer-0"));
        assertThat(acked).as("one producer's sentinel: the partition is not finished").isEmpty();
        tracker.sentinel(0, "producer-1", () -> acked.add("producer-1"));
        assertThat(acked).as("an item before the sentinels is still being processed").isEmpty();
        assertThat(tracker.allHeldFinished()).isFalse();

        tracker.done(item);
        assertThat(acked).containsExactly("producer-0", "producer-1");
        assertThat(tracker.allHeldFinished()).isTrue();
        assertThat(tracker.finished()).containsExactly(0);
    }

    @Test
    void aPartitionRevokedBeforeItFinishesNeverAcknowledgesItsSentinels() {
        SentinelTracker tracker = new SentinelTracker();
        tracker.expectProducers(List.of("producer-0", "producer-1"));
        tracker.assigned(List.of(0));
        List<String> acked = new ArrayList<>();
        tracker.sentinel(0, "producer-0", () -> acked.add("producer-0"));
        tracker.revoked(List.of(0));
        tracker.assigned(List.of(0));
        tracker.sentinel(0, "producer-1", () -> acked.add("producer-1"));

        assertThat(acked).as("the next owner must read the first sentinel again").isEmpty();
        assertThat(tracker.allHeldFinished()).isFalse();
    }

    @Test
    void aRevokedPartitionNeverReleasesItsSentinelsEvenWhenItsLastItemFinishesLater() {
        SentinelTracker tracker = new SentinelTracker();
        tracker.expectProducers(List.of("producer-0"));
        tracker.assigned(List.of(0));
        List<String> acked = new ArrayList<>();
        SentinelTracker.PartitionState slowItem = tracker.admit(0, 0, false).state();
        tracker.sentinel(0, "producer-0", () -> acked.add("old assignment"));
        assertThat(tracker.admit(0, 2, false).kind()).as("every producer's sentinel read").isEqualTo(Kind.AFTER_SENTINELS);

        tracker.revoked(List.of(0));
        tracker.assigned(List.of(0));
        tracker.done(slowItem);

        assertThat(acked).as("the old assignment's sentinel must not count in the new one's commits").isEmpty();
        assertThat(tracker.admit(0, 0, false).kind()).as("the new assignment reads everything again")
                .isEqualTo(Kind.TAKEN);
        assertThat(tracker.allHeldFinished()).isFalse();
    }

    @Test
    void theReplayedCommittedRecordIsRecognisedAndASentinelThereFinishesThePartition() {
        SentinelTracker tracker = new SentinelTracker();
        tracker.expectProducers(List.of("producer-0"));
        tracker.assigned(List.of(3, 4));
        tracker.replayFrom(3, 41);

        assertThat(tracker.admit(3, 41, true).kind()).as("even a sentinel, when re-read").isEqualTo(Kind.REPLAYED);
        assertThat(tracker.admit(4, 41, false).kind()).as("no replay on a partition without committed records")
                .isEqualTo(Kind.TAKEN);

        tracker.finishedEarlier(3);
        assertThat(tracker.finished()).containsExactly(3);
        assertThat(tracker.admit(3, 42, false).kind()).as("what follows a finished partition is not the run's")
                .isEqualTo(Kind.AFTER_SENTINELS);
        assertThat(tracker.admit(3, 43, true).kind()).isEqualTo(Kind.SENTINEL);
        assertThat(tracker.allHeldFinished()).isFalse();
        tracker.revoked(List.of(3));
        tracker.assigned(List.of(3));
        assertThat(tracker.admit(3, 41, false).kind()).as("a new assignment starts over").isEqualTo(Kind.TAKEN);
    }
}
