package io.handoff.coordinator.scenarios.consumerpause;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.FakeScene;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.shared.message.ConsumerDone;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer-pause fault against a fake scene: it freezes the first consumer at work when due, holds it frozen
 * for its sessions once the group has moved on, thaws it, and waits until it holds partitions again.
 */
class FreezeFaultTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeScene scene = new FakeScene();
    private final FreezeFault fault = new FreezeFault(Duration.ofSeconds(4), 3);

    @Test
    void freezesTheFirstConsumerAtWorkForItsSessionsThenThawsIt() throws Exception {
        scene.held.put("consumer-1", List.of(0, 1, 2));
        fault.started(scene, 0);
        fault.tick(scene, 3 * SECOND, false);
        assertThat(scene.strikes).isEmpty();

        fault.tick(scene, 4 * SECOND, false);
        assertThat(scene.strikes).as("consumer-0 holds nothing").containsExactly("freeze consumer-1");
        fault.tick(scene, 10 * SECOND, false);
        assertThat(scene.strikes).as("the group has not moved on yet").hasSize(1);

        scene.flowing = true;
        fault.tick(scene, 11 * SECOND, false);
        fault.tick(scene, 21 * SECOND, false);
        assertThat(scene.strikes).as("three sessions of 6 s from the freeze").hasSize(1);
        fault.tick(scene, 22 * SECOND, false);
        assertThat(scene.strikes).containsExactly("freeze consumer-1", "thaw consumer-1");
        assertThat(fault.pending()).as("back only once it holds partitions").isTrue();

        fault.tick(scene, 23 * SECOND, false);
        assertThat(fault.pending()).isFalse();
        assertThat(fault.checks(evidence(2, 0))).allSatisfy(check -> assertThat(check.passed()).as(check.detail())
                .isTrue());
        assertThat(fault.report()).singleElement().extracting(RunReport.FaultReport::target)
                .isEqualTo("consumer-1 pid 101");
    }

    @Test
    void aConsumerNeverFencedOrTooManyDuplicatesFailIt() throws Exception {
        scene.held.put("consumer-0", List.of(0));
        scene.uncommitted = 5;
        fault.started(scene, 0);
        fault.tick(scene, 4 * SECOND, false);
        scene.flowing = true;
        fault.tick(scene, 40 * SECOND, false);
        fault.tick(scene, 41 * SECOND, false);

        List<Check> unfenced = fault.checks(evidence(0, 0));
        assertThat(unfenced).filteredOn(c -> c.name().equals("stalled consumer fenced and back")).singleElement()
                .satisfies(c -> assertThat(c.passed()).isFalse());
        List<Check> duplicated = fault.checks(evidence(1, 6));
        assertThat(duplicated.getLast().passed()).as(duplicated.getLast().detail()).isFalse();
        assertThat(fault.checks(evidence(1, 5)).getLast().passed()).as("five past the commits at the freeze").isTrue();
    }

    @Test
    void withNoConsumerAtWorkItWaitsAndFailsIfNoneEverIs() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 4 * SECOND, false);
        fault.tick(scene, 5 * SECOND, false);
        assertThat(scene.strikes).isEmpty();
        assertThat(fault.pending()).isTrue();
        assertThat(fault.checks(evidence(0, 0))).singleElement().satisfies(c -> assertThat(c.passed()).isFalse());
    }

    /** A finished run whose victim reported {@code repeatRisks} hand-overs, with {@code duplicated} items twice. */
    private Fault.Evidence evidence(long repeatRisks, long duplicated) {
        Map<String, ConsumerDone> done = Map.of("consumer-0", done("consumer-0", repeatRisks), "consumer-1",
                done("consumer-1", repeatRisks));
        Fault.Evidence clean = FakeScene.evidence(FakeScene.clean(1_000));
        return new Fault.Evidence(new RunReport.History(1_000, 1_000, 0, duplicated, 0, 0, 0), clean.malformed(), done,
                clean.flow());
    }

    private static ConsumerDone done(String instance, long repeatRisks) {
        return new ConsumerDone("run", instance, 500, 0, 0, 0, null, null, List.of(0), 1, Map.of(), repeatRisks);
    }
}
