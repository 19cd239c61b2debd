package io.handoff.coordinator.scenarios.rebalancestorm;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.FakeScene;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebalance storm against a fake scene: joins and leaves in turn, never fewer than two consumers up, a move at
 * once when the stop goes out, and a window of redone work measured before each move.
 */
class StormFaultTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeScene scene = new FakeScene();
    private final StormFault fault = new StormFault(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    @Test
    void joinsAndLeavesInTurnThroughTheDrainThenStops() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, SECOND, false);
        assertThat(scene.strikes).isEmpty();

        scene.reportedUncommitted = 3;
        scene.processedInLastSecond = 4;
        for (int s = 2; s <= 6; s += 2) {
            fault.tick(scene, s * SECOND, false);
            fault.tick(scene, s * SECOND + SECOND / 2, false);
        }
        assertThat(scene.strikes).as("one move per period, a join first; the oldest leaves")
                .containsExactly("join consumer-2", "retire consumer-0", "join consumer-3");
        fault.stopSent(scene, 7 * SECOND);
        fault.tick(scene, 7 * SECOND, true);
        fault.tick(scene, 30 * SECOND, true);
        assertThat(scene.strikes).as("a move at the stop, none after the storm").hasSize(4)
                .endsWith("retire consumer-1");

        List<Check> checks = fault.checks(FakeScene.evidence(new RunReport.History(1_000, 1_000, 0, 28, 0, 0, 0)));
        assertThat(checks).allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
        assertThat(fault.checks(FakeScene.evidence(new RunReport.History(1_000, 1_000, 0, 29, 0, 0, 0))).getLast()
                .passed()).as("29 duplicates over a window of four moves of 7").isFalse();
    }

    @Test
    void aStormThatMissedTheDrainFails() throws Exception {
        fault.started(scene, 0);
        for (int s = 2; s <= 12; s += 2) {
            fault.tick(scene, s * SECOND, false);
        }
        assertThat(fault.checks(FakeScene.evidence(FakeScene.clean(1_000))).getFirst())
                .satisfies(check -> assertThat(check.passed()).as(check.detail()).isFalse())
                .extracting(Check::detail).asString().contains("none, the drain was not stormed");
    }
}
