package io.handoff.coordinator.audit;

import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.message.Result;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultAuditTest {

    private final JsonSerializer<Result> json = new JsonSerializer<>();
    private final ResultAudit audit = new ResultAudit("run-1", Map.of());
    private long offset;

    private void read(String run, String producer, long seq, String consumer, long latencyMs) {
        read(run, producer, seq, consumer, 1, offset, latencyMs);
    }

    private void read(String run, String producer, long seq, String consumer, long pid, long itemOffset, long latencyMs) {
        Result result = new Result(run, producer, seq, consumer, pid, "worker-0", 0, itemOffset, 1_000, 1_000 + latencyMs);
        audit.accept(new ConsumerRecord<>("results", 0, offset++, null, json.serialize("results", result)));
    }

    @Test
    void everySentSequenceNumberFoundMeansNothingLost() {
        for (long seq = 0; seq < 100; seq++) {
            read("run-1", "producer-0", seq, "consumer-" + seq % 2, seq);
        }

        AuditFigures figures = audit.figures(Map.of("producer-0", 100L));

        assertThat(figures.unique()).isEqualTo(100);
        assertThat(figures.lost()).isZero();
        assertThat(figures.duplicates()).isZero();
        assertThat(figures.uniqueByConsumer()).containsOnly(Map.entry("consumer-0", 50L), Map.entry("consumer-1", 50L));
        assertThat(figures.latencyMs().p50()).isBetween(48L, 50L);
        assertThat(figures.latencyMs().max()).isEqualTo(99);
    }

    @Test
    void countsEachMissingSequenceNumberAsLostPerProducer() {
        for (long seq = 0; seq < 10; seq++) {
            if (seq != 3 && seq != 7) {
                read("run-1", "producer-0", seq, "consumer-0", 1);
            }
        }

        AuditFigures figures = audit.figures(Map.of("producer-0", 10L, "producer-1", 5L));

        assertThat(figures.lost()).isEqualTo(2 + 5);
        assertThat(figures.lostByProducer()).containsOnly(Map.entry("producer-0", 2L), Map.entry("producer-1", 5L));
    }

    @Test
    void aRepeatedResultIsADuplicateNotASecondItem() {
        read("run-1", "producer-0", 0, "consumer-0", 1);
        read("run-1", "producer-0", 0, "consumer-1", 1);

        AuditFigures figures = audit.figures(Map.of("producer-0", 1L));

        assertThat(figures.unique()).isEqualTo(1);
        assertThat(figures.duplicates()).isEqualTo(1);
        assertThat(figures.lost()).isZero();
    }

    @Test
    void resultsOfOtherRunsAndUnreadableRecordsNeverCount() {
        read("run-0", "producer-0", 0, "consumer-0", 1);
        audit.accept(new ConsumerRecord<>("results", 0, offset++, null, "garbage".getBytes(StandardCharsets.UTF_8)));

        AuditFigures figures = audit.figures(Map.of("producer-0", 1L));

        assertThat(figures.unique()).isZero();
        assertThat(figures.lost()).isEqualTo(1);
        assertThat(figures.otherRuns()).isEqualTo(1);
        assertThat(figures.unreadable()).isEqualTo(1);
    }

    /** Anyone can write to results: a number no consumer of the run could have written is counted, never indexed. */
    @Test
    void resultsWithImpossibleNumbersAreCountedUnreadableWithoutThrowingOrAllocating() {
        read("run-1", "producer-0", 0, "consumer-0", 5);
        for (long seq : new long[] {-1, Long.MIN_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, ResultAudit.MAX_TRACKED}) {
            read("run-1", "producer-0", seq, "consumer-0", 5);
        }
        for (long itemOffset : new long[] {-5, Long.MAX_VALUE, ResultAudit.MAX_TRACKED}) {
            read("run-1", "producer-0", 1, "consumer-0", 1, itemOffset, 5);
        }
        for (int partition : new int[] {-1, Integer.MAX_VALUE, ResultAudit.MAX_PARTITIONS}) {
            Result result = new Result("run-1", "producer-0", 2, "consumer-0", 1, "worker-0", partition, 0, 1_000, 1_005);
            audit.accept(new ConsumerRecord<>("results", 0, offset++, null, json.serialize("results", result)));
        }

        AuditFigures figures = audit.figures(Map.of("producer-0", 1L));
        assertThat(figures.unreadable()).isEqualTo(11);
        assertThat(figures.unique()).isEqualTo(1);
        assertThat(figures.lost()).isZero();
        assertThat(figures.unexpected()).isZero();
    }

    @Test
    void theRedoWindowOfADeadProcessIsWhatItFinishedPastTheCommittedOffset() {
        for (long itemOffset = 0; itemOffset < 100; itemOffset++) {
            read("run-1", "producer-0", itemOffset, "consumer-1", 4242, itemOffset, 1);
        }
        read("run-1", "producer-0", 500, "consumer-1", 5151, 100, 1); // its replacement

        assertThat(audit.redoWindow(4242, Map.of(0, 70L))).as("offsets 70..99").isEqualTo(30);
        assertThat(audit.redoWindow(4242, Map.of(0, 100L))).isZero();
        assertThat(audit.redoWindow(9999, Map.of(0, 0L))).as("a process that did nothing").isZero();
    }

    @Test
    void aSequenceNumberBeyondWhatWasSentIsUnexpected() {
        read("run-1", "producer-0", 5, "consumer-0", 1);
        read("run-1", "intruder", 0, "consumer-0", 1);

        AuditFigures figures = audit.figures(Map.of("producer-0", 5L));

        assertThat(figures.unexpected()).isEqualTo(2);
        assertThat(figures.lost()).isEqualTo(5);
    }

    @Test
    void theSteadyStateLatencyLeavesOutTheItemsCreatedDuringTheWarmUp() {
        audit.steadyFrom(5_000);
        for (long seq = 0; seq < 100; seq++) {
            long created = seq < 10 ? 1_000 : 6_000; // ten made during the warm-up, slow as start-up makes them
            Result result = new Result("run-1", "producer-0", seq, "consumer-0", 1, "worker-0", 0, seq, created,
                    created + (seq < 10 ? 900 : 4));
            audit.accept(new ConsumerRecord<>("results", 0, offset++, null, json.serialize("results", result)));
        }

        AuditFigures figures = audit.figures(Map.of("producer-0", 100L));

        assertThat(figures.latencyMs().p99()).as("the whole run").isEqualTo(900);
        assertThat(figures.steadyLatencyMs().p99()).as("after the warm-up").isEqualTo(4);
        assertThat(new ResultAudit("run-1", Map.of()).figures(Map.of()).steadyLatencyMs()).as("none yet").isNull();
    }

    /** A key's items must be applied in offset order; repeats of items already seen are duplicates, not disorder. */
    @Test
    void anItemAppliedAfterALaterItemOfItsKeyIsOutOfOrderAndARepeatIsADuplicate() {
        ResultAudit ordered = new ResultAudit("run-1", Map.of());
        long[] seqs = {0, 1, 2, 3, 4};
        for (long seq : seqs) {
            keyed(ordered, "acct-7", seq, 10 + seq); // acct-7's items at offsets 10..14, in order
        }
        keyed(ordered, "acct-7", 2, 12); // redone after a crash: a duplicate
        keyed(ordered, "acct-9", 5, 11); // another key, at an offset below acct-7's: no relation
        AuditFigures clean = ordered.figures(Map.of("producer-0", 6L));
        assertThat(clean.outOfOrder()).isZero();
        assertThat(clean.duplicates()).isEqualTo(1);

        ResultAudit swapped = new ResultAudit("run-1", Map.of());
        keyed(swapped, "acct-7", 0, 10);
        keyed(swapped, "acct-7", 2, 12);
        keyed(swapped, "acct-7", 1, 11); // first seen, but below acct-7's highest: applied out of order
        keyed(swapped, "acct-7", 3, 13);
        AuditFigures figures = swapped.figures(Map.of("producer-0", 4L));
        assertThat(figures.outOfOrder()).isEqualTo(1);
        assertThat(figures.outOfOrderSamples()).singleElement().asString()
                .contains("acct-7").contains("0@11").contains("producer-0 #1").contains("consumer-0");
        assertThat(figures.lost()).isZero();
    }

    @Test
    void readsAccountKeysFromTheRecordKeyBytesAndNothingElse() {
        assertThat(ResultAudit.accountKey("acct-0".getBytes(StandardCharsets.UTF_8))).isZero();
        assertThat(ResultAudit.accountKey("acct-1048575".getBytes(StandardCharsets.UTF_8))).isEqualTo(1_048_575);
        for (String other : new String[] {"acct-1048576", "acct-", "acct-1x", "acc-12", "ACCT-1", "acct-99999999999"}) {
            assertThat(ResultAudit.accountKey(other.getBytes(StandardCharsets.UTF_8))).as(other).isEqualTo(-1);
        }
        assertThat(ResultAudit.accountKey(null)).isEqualTo(-1);
    }

    private void keyed(ResultAudit target, String key, long seq, long itemOffset) {
        Result result = new Result("run-1", "producer-0", seq, "consumer-0", 1, "worker-0", 0, itemOffset, 1_000, 1_001);
        target.accept(new ConsumerRecord<>("results", 0, offset++, key.getBytes(StandardCharsets.UTF_8),
                json.serialize("results", result)));
    }
}
