package io.handoff.coordinator.scenarios.brokerpause;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.FakeScene;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker-pause fault against a fake scene: one stall when due, let go after its length, the stop held until flowing. */
class BrokerPauseFaultTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeScene scene = new FakeScene();
    private final BrokerPauseFault fault = new BrokerPauseFault(Duration.ofSeconds(3), Duration.ofSeconds(3));

    @Test
    void stallsOnceWhenDueAndLetsGoAfterItsLength() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 2 * SECOND, false);
        assertThat(scene.strikes).isEmpty();

        fault.tick(scene, 3 * SECOND, false);
        fault.tick(scene, 5 * SECOND, false);
        assertThat(scene.strikes).containsExactly("broker frozen");
        assertThat(scene.broker.orElseThrow().down()).as("the run asks a stalled broker nothing").isTrue();

        fault.tick(scene, 6 * SECOND, false);
        assertThat(scene.strikes).containsExactly("broker frozen", "broker thawed");
        assertThat(fault.pending()).as("not every partition flows yet").isTrue();

        scene.flowing = true;
        fault.tick(scene, 7 * SECOND, false);
        fault.tick(scene, 20 * SECOND, false);
        assertThat(fault.pending()).isFalse();
        assertThat(scene.strikes).as("once").hasSize(2);
        assertThat(fault.mayRepeatWork()).as("members expired as the broker goes on").isTrue();
        assertThat(fault.checks(FakeScene.evidence(FakeScene.clean(1_000))))
                .allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
        assertThat(fault.report()).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo("broker-pause");
            assertThat(report.downMs()).isEqualTo(3_000);
            assertThat(report.recoveryMs()).isEqualTo(4_000);
        });
    }

    @Test
    void duplicatesBeyondWhatWasUncommittedAtTheStallFailIt() throws Exception {
        scene.uncommitted = 40;
        scene.reportedUncommitted = 5;
        scene.processedInLastSecond = 7;
        fault.started(scene, 0);
        fault.tick(scene, 3 * SECOND, false);
        scene.uncommitted = 10;
        fault.tick(scene, 6 * SECOND, false);
        scene.flowing = true;
        fault.tick(scene, 7 * SECOND, false);

        assertThat(fault.checks(FakeScene.evidence(history(52))).getLast().passed()).as("40 + 5 + 7").isTrue();
        Check beyond = fault.checks(FakeScene.evidence(history(53))).getLast();
        assertThat(beyond.name()).isEqualTo("duplicates within the uncommitted window");
        assertThat(beyond.passed()).isFalse();
        assertThat(beyond.detail()).startsWith("53 duplicates; window 52");
    }

    private static RunReport.History history(long duplicated) {
        return new RunReport.History(1_000, 1_000, 0, duplicated, 0, 0, 0);
    }

    @Test
    void aServiceRestartedOrNoFlowAfterTheStallFailsIt() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 3 * SECOND, false);
        fault.tick(scene, 6 * SECOND, false);
        assertThat(fault.checks(FakeScene.evidence(FakeScene.clean(1_000))).getFirst().passed())
                .as("never flowing again").isFalse();

        scene.consumerPids.put("consumer-0", 999L);
        scene.flowing = true;
        fault.tick(scene, 7 * SECOND, false);
        Check carriedOn = fault.checks(FakeScene.evidence(FakeScene.clean(1_000))).get(1);
        assertThat(carriedOn.name()).isEqualTo("services carried on");
        assertThat(carriedOn.passed()).isFalse();
    }

    @Test
    void withoutABrokerOfItsOwnItStallsNothingAndFails() throws Exception {
        scene.broker = Optional.empty();
        fault.started(scene, 0);
        fault.tick(scene, 10 * SECOND, false);
        assertThat(scene.strikes).isEmpty();
        assertThat(fault.pending()).isFalse();
        assertThat(fault.checks(FakeScene.evidence(FakeScene.clean(0)))).extracting(Check::passed).containsExactly(false);
        assertThat(fault.report()).isEqualTo(java.util.List.<RunReport.FaultReport>of());
    }
}
