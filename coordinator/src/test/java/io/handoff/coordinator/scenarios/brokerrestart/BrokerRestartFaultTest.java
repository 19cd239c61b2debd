package io.handoff.coordinator.scenarios.brokerrestart;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.BrokerBounce;
import io.handoff.coordinator.scenario.FakeScene;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker-restart fault against a fake scene: kill -9 mid-run when due, start again after its pause, the stop
 * held until every partition flows, a second kill with the stop; and its checks on what it may make the group redo.
 */
class BrokerRestartFaultTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeScene scene = new FakeScene();
    private final BrokerRestartFault fault = new BrokerRestartFault(
            new BrokerRestartFault.Timing(Duration.ofSeconds(4), Duration.ofSeconds(3)));

    @Test
    void killsMidRunAndInTheDrainEachTimeStartingItAgainAfterItsPause() throws Exception {
        bothKills(40);

        assertThat(scene.strikes).containsExactly("broker killed", "broker restarted", "broker killed",
                "broker restarted");
        assertThat(scene.told).filteredOn(e -> e instanceof BrokerBounce.BounceEvent).hasSize(5);
        assertThat(fault.report()).extracting(RunReport.FaultReport::kind).containsExactly("broker-restart",
                "broker-restart");
        List<Check> checks = fault.checks(FakeScene.evidence(history(40)));
        assertThat(checks).extracting(Check::name).containsExactly("broker restarted mid-run",
                "broker restarted during the drain", "services carried on", "duplicates within the uncommitted window");
        assertThat(checks).allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
    }

    @Test
    void duplicatesBeyondWhatWasUncommittedFailIt() throws Exception {
        bothKills(40);
        Check duplicates = fault.checks(FakeScene.evidence(history(41))).getLast();
        assertThat(duplicates.passed()).isFalse();
        assertThat(duplicates.detail()).startsWith("41 duplicates; window 40");
    }

    @Test
    void aRunWithoutABrokerOfItsOwnFailsAndKillsNothing() throws Exception {
        scene.broker = Optional.empty();
        fault.started(scene, 0);
        fault.tick(scene, 10 * SECOND, false);
        assertThat(scene.strikes).isEmpty();
        assertThat(fault.checks(FakeScene.evidence(history(0)))).singleElement()
                .satisfies(check -> assertThat(check.passed()).isFalse());
    }

    /** A run through both kills, with {@code uncommitted} results past the commits at the first. */
    private void bothKills(long uncommitted) throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 3 * SECOND, false);
        assertThat(scene.strikes).as("not before it is due").isEmpty();

        scene.uncommitted = uncommitted;
        fault.tick(scene, 4 * SECOND, false);
        assertThat(scene.strikes).containsExactly("broker killed");
        scene.uncommitted = 0;
        fault.tick(scene, 6 * SECOND, false);
        assertThat(scene.strikes).as("down for its pause").hasSize(1);
        fault.tick(scene, 7 * SECOND, false);
        assertThat(fault.pending()).as("not every partition flows yet").isTrue();

        scene.flowing = true;
        fault.tick(scene, 8 * SECOND, false);
        assertThat(fault.pending()).isFalse();
        fault.stopSent(scene, 9 * SECOND);
        fault.tick(scene, 12 * SECOND, true);
    }

    private static RunReport.History history(long duplicated) {
        return new RunReport.History(1_000, 1_000, 0, duplicated, 0, 0, 0);
    }
}
