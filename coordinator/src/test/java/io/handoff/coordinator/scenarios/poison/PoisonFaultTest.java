package io.handoff.coordinator.scenarios.poison;

import io.handoff.coordinator.audit.DeadLetterFigures;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.FakeScene;
import io.handoff.coordinator.scenario.Fault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The poison fault against a fake scene: one injection when due, the stop held until every partition carried on. */
class PoisonFaultTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeScene scene = new FakeScene();
    private final PoisonFault fault = new PoisonFault(3, Duration.ofSeconds(3));

    @Test
    void injectsOnceWhenDueAndHoldsTheStopUntilEveryPartitionCarriedOn() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 2 * SECOND, false);
        assertThat(scene.strikes).isEmpty();

        fault.tick(scene, 3 * SECOND, false);
        fault.tick(scene, 4 * SECOND, false);
        assertThat(scene.strikes).containsExactly("inject 3");
        assertThat(fault.pending()).as("no partition has carried on yet").isTrue();

        scene.flowing = true;
        fault.tick(scene, 5 * SECOND, false);
        assertThat(fault.pending()).isFalse();
        assertThat(scene.strikes).as("once").containsExactly("inject 3");
        assertThat(fault.checks(evidence(fates(Poison.BEFORE + 3, true))))
                .allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
    }

    @Test
    void neverInjectsDuringTheDrain() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 10 * SECOND, true);
        assertThat(scene.strikes).isEmpty();
        assertThat(check(fault.checks(evidence(fates(Poison.BEFORE, true))), "no reader stopped").passed()).isFalse();
    }

    @Test
    void aBadRecordNotDeadLetteredOrWithoutItsReasonFailsTheCheck() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 3 * SECOND, false);
        scene.flowing = true;
        fault.tick(scene, 4 * SECOND, false);

        List<DeadLetterFigures.Fate> lostOne = fates(Poison.BEFORE + 3, true);
        lostOne.set(0, new DeadLetterFigures.Fate("items/0/7", "garbage bytes", false, null));
        Check lost = check(fault.checks(evidence(lostOne)), "every bad record dead-lettered with its reason");
        assertThat(lost.passed()).isFalse();
        assertThat(lost.detail()).contains("items/0/7 (garbage bytes): never dead-lettered");

        List<DeadLetterFigures.Fate> vague = fates(Poison.BEFORE + 3, true);
        vague.set(1, new DeadLetterFigures.Fate("items/1/8", "an item with a negative amount", true, "bad record"));
        assertThat(check(fault.checks(evidence(vague)), "every bad record dead-lettered with its reason").passed())
                .as("a reason that does not name what was wrong").isFalse();
    }

    private static List<DeadLetterFigures.Fate> fates(int count, boolean deadLettered) {
        List<DeadLetterFigures.Fate> fates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fates.add(new DeadLetterFigures.Fate("items/" + i % 3 + "/" + i, "garbage bytes", deadLettered,
                    "not JSON: Unrecognized token"));
        }
        return fates;
    }

    private static Fault.Evidence evidence(List<DeadLetterFigures.Fate> fates) {
        Fault.Evidence clean = FakeScene.evidence(FakeScene.clean(1_000));
        return new Fault.Evidence(clean.history(), new RunReport.Malformed(fates.size(), fates.size(), fates.size(),
                fates.size(), List.of(), fates), Map.of(), clean.flow());
    }

    private static Check check(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
