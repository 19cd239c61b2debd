package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.DeadLetterFigures;
import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.kafka.TopicLayout;
import io.handoff.coordinator.report.Drain;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.config.LockMode;
import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.message.ProducerDone;
import io.handoff.shared.message.Result;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict as a pure function of what a run observed: a clean history of two producers, two partitions and
 * two consumers passes every check, and each fault injected into it fails the check that guards against it, by
 * name. The results go through the real audit, as the run's results tail feeds it.
 */
class VerdictTest {

    private static final String RUN = "run-1";
    private static final int PER_PRODUCER = 500;
    private static final int KEYS = 10;
    private static final long LEDGER_TOTAL = 1_000_000;

    /** One result on {@code results}, with the record key it carries. */
    private record Written(String key, Result result) {
    }

    /** The run being judged; each test changes what it needs. */
    private final List<Written> results = new ArrayList<>();
    private final Map<String, ProducerDone> producersDone = new LinkedHashMap<>();
    private final Map<String, ConsumerDone> consumersDone = new LinkedHashMap<>();
    private final List<ProcessFacts> producers = new ArrayList<>();
    private final List<ProcessFacts> consumers = new ArrayList<>();
    private final List<RunReport.Outage> outages = new ArrayList<>();
    private RunPlan plan = RunPlan.builder().processes(2, 2).items(2 * PER_PRODUCER).partitions(2).build();
    private RunReport.FlowReport flow = new RunReport.FlowReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private Fault fault = Fault.NONE;
    private Optional<String> abort = Optional.empty();
    private DeadLetterFigures deadLetters = DeadLetterFigures.NONE;

    VerdictTest() {
        Map<Integer, Long> nextOffset = new HashMap<>();
        for (int seq = 0; seq < PER_PRODUCER; seq++) {
            for (int p = 0; p < 2; p++) {
                int partition = seq % 2;
                long offset = nextOffset.merge(partition, 1L, Long::sum) - 1;
                results.add(new Written("acct-" + (seq % KEYS), new Result(RUN, "producer-" + p, seq,
                        "consumer-" + partition, 100 + partition, "worker-0", partition, offset, 1_000 + seq,
                        1_010 + seq)));
            }
        }
        for (int p = 0; p < 2; p++) {
            producersDone.put("producer-" + p, new ProducerDone(RUN, "producer-" + p, PER_PRODUCER, 0, 1_000, 2_000,
                    Map.of(), 0));
            producers.add(new ProcessFacts("producer-" + p, 10 + p, 0, false));
        }
        for (int c = 0; c < 2; c++) {
            consumersDone.put("consumer-" + c, done("consumer-" + c, List.of(c), LEDGER_TOTAL));
            consumers.add(new ProcessFacts("consumer-" + c, 100 + c, 0, false));
        }
    }

    private static ConsumerDone done(String consumer, List<Integer> finished, long ledgerTotal) {
        return new ConsumerDone(RUN, consumer, PER_PRODUCER, 0, 0, 0, new LedgerTotals(1_000, ledgerTotal, LEDGER_TOTAL),
                null, finished, 3_000, Map.of(), 0);
    }

    private RunReport judge() {
        ResultAudit audit = new ResultAudit(RUN, Map.of());
        JsonSerializer<Result> json = new JsonSerializer<>();
        long offset = 0;
        for (Written written : results) {
            audit.accept(new ConsumerRecord<>("results", 0, offset++, written.key().getBytes(StandardCharsets.UTF_8),
                    json.serialize("results", written.result())));
        }
        Map<String, Long> sent = new HashMap<>();
        producersDone.values().forEach(d -> sent.put(d.instanceId(), d.sent()));
        long acknowledged = sent.values().stream().mapToLong(Long::longValue).sum();
        List<ProcessFacts> history = new ArrayList<>(consumers);
        history.addAll(producers);
        return Verdict.judge(new RunObservations(
                new RunObservations.Where(RUN, plan, "127.0.0.1:9092", new TopicLayout(2, List.of()), Optional.empty(),
                        Path.of("runs", RUN)),
                new RunObservations.Processes(producers, consumers, history),
                new RunObservations.Reports(producersDone, consumersDone, 0),
                new RunObservations.Results(acknowledged, audit.figures(sent), deadLetters),
                new RunObservations.Course(flow, outages, List.of(), fault),
                new RunObservations.End(5_000, Drain.of(200, 300, 100, 10_000), abort)));
    }

    private static Check check(RunReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check named '" + name + "' in " + report.checks()));
    }

    @Test
    void aCleanHistoryPassesEveryCheck() {
        RunReport report = judge();

        assertThat(report.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
        assertThat(report.passed()).isTrue();
        assertThat(report.verdict()).isEqualTo("passed");
        assertThat(report.history()).isEqualTo(new RunReport.History(1_000, 1_000, 0, 0, 0, 0, 0));
        assertThat(report.endedBy()).isEqualTo(RunReport.EndedBy.SENTINELS);
        assertThat(report.checks()).extracting(Check::name).contains("lost = 0", "per-key order",
                "no duplicates without a fault", "ledger conserved", "ended by sentinels", "clean exits");
    }

    @Test
    void aDuplicateInjectedIntoACleanRunFailsIt() {
        results.add(results.get(123));

        RunReport report = judge();

        assertThat(report.passed()).isFalse();
        assertThat(check(report, "no duplicates without a fault").passed()).isFalse();
        assertThat(check(report, "lost = 0").passed()).isTrue();
        assertThat(report.history().duplicated()).isEqualTo(1);
        assertThat(report.verdict()).contains("no duplicates without a fault: 1 items applied more than once");
    }

    @Test
    void anItemAppliedAfterALaterItemOfItsKeyFailsPerKeyOrder() {
        // Two items of one key, on one partition, applied by one consumer process in the wrong order.
        int first = 40;
        int later = indexOfNext(first);
        Written early = results.get(first);
        results.set(first, results.get(later));
        results.set(later, early);

        RunReport report = judge();

        assertThat(report.passed()).isFalse();
        Check order = check(report, "per-key order");
        assertThat(order.passed()).isFalse();
        assertThat(order.detail()).startsWith("1 items applied after a later item of their key")
                .contains(early.key()).contains(early.result().producerId() + " #" + early.result().seq());
        assertThat(report.history().outOfOrder()).isEqualTo(1);
        assertThat(check(report, "no duplicates without a fault").passed()).isTrue();
    }

    /** The next result after {@code index} of the same key and partition. */
    private int indexOfNext(int index) {
        Written one = results.get(index);
        for (int i = index + 1; i < results.size(); i++) {
            if (results.get(i).key().equals(one.key()) && results.get(i).result().partition() == one.result().partition()) {
                return i;
            }
        }
        throw new AssertionError("no later item of " + one.key());
    }

    @Test
    void anItemMissingFromResultsIsLostAndNamedByProducer() {
        results.remove(7);

        RunReport report = judge();

        Check lost = check(report, "lost = 0");
        assertThat(lost.passed()).isFalse();
        assertThat(lost.detail()).contains("999 of 1,000").contains("producer-1=1");
        assertThat(report.history().lost()).isEqualTo(1);
    }

    @Test
    void lossCannotBeProvenWithoutEveryProducersReport() {
        producersDone.remove("producer-1");

        Check lost = check(judge(), "lost = 0");

        assertThat(lost.passed()).isFalse();
        assertThat(lost.detail()).isEqualTo("cannot be proven: 1 producer(s) never reported what they sent");
    }

    @Test
    void aResultNoProducerSentIsUnexpected() {
        results.add(new Written("acct-1", new Result(RUN, "producer-0", PER_PRODUCER + 5, "consumer-0", 100,
                "worker-0", 0, 9_999, 1_000, 1_001)));

        RunReport report = judge();

        assertThat(check(report, "no unexpected results").passed()).isFalse();
        assertThat(report.history().unexpected()).isEqualTo(1);
    }

    @Test
    void aDriftingLedgerFailsConservationAndUnsafeModeSaysWhy() {
        consumersDone.put("consumer-1", done("consumer-1", List.of(1), LEDGER_TOTAL - 3));
        plan = plan.toBuilder().services(new RunPlan.Services(4, 2, 1_000, LockMode.UNSAFE,
                RunPlan.Services.DEFAULT.threads(), RunPlan.Services.DEFAULT.work(), 4)).build();

        Check ledger = check(judge(), "ledger conserved");

        assertThat(ledger.passed()).isFalse();
        assertThat(ledger.detail()).contains("consumer-1 drifted by -3").contains("lost updates");
    }

    @Test
    void aPartitionNeverFinishedBySentinelsFailsTheEnding() {
        consumersDone.put("consumer-1", done("consumer-1", List.of(), LEDGER_TOTAL));

        RunReport report = judge();

        assertThat(check(report, "ended by sentinels").detail()).isEqualTo("partitions never finished by sentinels: [1]");
        assertThat(report.endedBy()).isEqualTo(RunReport.EndedBy.INCOMPLETE);
    }

    @Test
    void aServiceThatExitedBadlyFailsCleanExitsAndOneKilledOnPurposeIsListed() {
        producers.set(1, new ProcessFacts("producer-1", 11, 1, false));
        consumers.add(new ProcessFacts("consumer-2", 102, 137, true));

        Check exits = check(judge(), "clean exits");

        assertThat(exits.passed()).isFalse();
        assertThat(exits.detail()).isEqualTo("producer-1 exited 1; killed: consumer-2 pid 102");
    }

    @Test
    void duplicatesAreNotAFailureUnderAFaultThatMayRepeatWorkAndItsOwnChecksDecide() {
        results.add(results.get(5));
        fault = new Fault() {
            @Override
            public boolean mayRepeatWork() {
                return true;
            }

            @Override
            public List<Check> checks(Evidence evidence) {
                return List.of(new Check("broker restarted", evidence.history().duplicated() <= 1,
                        evidence.history().duplicated() + " duplicates"));
            }
        };

        RunReport report = judge();

        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(Check::name).doesNotContain("no duplicates without a fault")
                .contains("broker restarted");

        results.add(results.get(6));
        RunReport twice = judge();
        assertThat(twice.passed()).isFalse();
        assertThat(twice.verdict()).isEqualTo("broker restarted: 2 duplicates");
    }

    @Test
    void aBadRecordTheRunWroteThatNeverReachedTheDeadLetterTopicFailsAndItsFateIsReported() {
        List<DeadLetterFigures.Fate> fates = List.of(
                new DeadLetterFigures.Fate("items/0/7", "garbage bytes", true, "not JSON: invalid UTF-8"),
                new DeadLetterFigures.Fate("items/1/9", "an item with a negative amount", false, null));
        deadLetters = new DeadLetterFigures(1, 1, 2, 1, 0, 0, 0, List.of("not JSON: invalid UTF-8"), fates);
        consumersDone.replaceAll((id, d) -> new ConsumerDone(RUN, id, d.processed(), 1, 0, 0, d.ledger(), null,
                d.finished(), d.atMs(), Map.of(), 0));

        RunReport report = judge();

        Check dead = check(report, "dead letters accounted for");
        assertThat(dead.passed()).isFalse();
        assertThat(dead.detail()).startsWith("2 injected, 1 of them on the dead-letter topic");
        assertThat(report.malformed().fates()).isEqualTo(fates);

        deadLetters = new DeadLetterFigures(2, 2, 2, 2, 0, 0, 0, List.of(), fates);
        assertThat(check(judge(), "dead letters accounted for").passed()).isTrue();
    }

    @Test
    void anAbortedRunSaysWhyRatherThanEveryCheckItFailed() {
        abort = Optional.of("nothing moved for 60 s");
        producersDone.clear();

        RunReport report = judge();

        assertThat(report.passed()).isFalse();
        assertThat(report.verdict()).isEqualTo("aborted: nothing moved for 60 s");
    }

    @Test
    void duplicatesBeyondTheUncommittedWindowOfAnOutageFailIsolation() {
        // The victim had finished 2 past its commits; the others had read 1 past theirs, plus 2 in the last second.
        outages.add(new RunReport.Outage("consumer-1", 101, "SIGKILL by the coordinator", 1_500, 102L, 800L, 1_000,
                990, 2, 3));
        for (int i = 0; i < 5; i++) {
            results.add(results.get(i));
        }
        RunReport within = judge();
        assertThat(check(within, "isolation").passed()).as(check(within, "isolation").detail()).isTrue();
        assertThat(within.checks()).extracting(Check::name).doesNotContain("no duplicates without a fault");

        results.add(results.get(5));
        Check beyond = check(judge(), "isolation");
        assertThat(beyond.passed()).isFalse();
        assertThat(beyond.detail()).contains("exceed the uncommitted window of");
    }

    @Test
    void producersSlowedDuringAnOutageFailIsolation() {
        outages.add(new RunReport.Outage("consumer-1", 101, "SIGKILL", 1_500, 102L, 800L, 1_000, 700, 0, 0));

        Check isolation = check(judge(), "isolation");

        assertThat(isolation.passed()).isFalse();
        assertThat(isolation.detail()).isEqualTo("producers slowed from 1000 to 700 items/s while consumer-1 was down");
    }

    @Test
    void aStopWithoutSentinelsIsTheDrainsBoundNotATiming() {
        // The drain's bound comes from what was in flight and the rate: 1 s + 100 / 10,000 s.
        assertThat(Drain.of(200, 300, 100, 10_000).boundMs()).isEqualTo(1_010);
        assertThat(Drain.of(2_000, 2_100, 100, 10_000).withinBound()).isFalse();
        assertThat(Duration.ofMillis(judge().drainMs())).isEqualTo(Duration.ofMillis(300));
    }
}
