package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.FakeScene;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's faults against a fake scene: each strikes once through the shared strikes, and recovers only when due. */
class ActsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeScene scene = new FakeScene();

    @Test
    void aConsumerKilledIsRestartedAndRecoversOnceItHoldsPartitionsAndAllFlow() throws Exception {
        scene.uncommitted = 30;
        scene.processedInLastSecond = 12;
        ConsumerKillAct act = new ConsumerKillAct("consumer-0");
        act.begin(scene, 0);
        assertThat(scene.strikes).containsExactly("kill and restart consumer-0");
        scene.flowing = true;
        assertThat(act.recovered(scene, SECOND)).as("the new process holds nothing yet").isFalse();
        scene.held.put("consumer-0", List.of(1));
        assertThat(act.recovered(scene, 2 * SECOND)).isTrue();
        assertThat(act.redoWindow()).isEqualTo(42);
        assertThat(act.report().recoveryMs()).isEqualTo(2_000);
    }

    @Test
    void theBrokerBouncedIsStartedAgainAfterItsPauseThenRecovers() throws Exception {
        BrokerBounceAct act = new BrokerBounceAct(Duration.ofSeconds(3));
        act.begin(scene, 0);
        assertThat(act.recovered(scene, 2 * SECOND)).isFalse();
        assertThat(scene.strikes).containsExactly("broker killed");
        assertThat(act.recovered(scene, 3 * SECOND)).isFalse();
        assertThat(scene.strikes).containsExactly("broker killed", "broker restarted");
        scene.flowing = true;
        assertThat(act.recovered(scene, 4 * SECOND)).isTrue();
        RunReport.FaultReport report = act.report();
        assertThat(report.kind()).isEqualTo("broker-restart");
        assertThat(report.recoveryMs()).isEqualTo(4_000);
    }

    @Test
    void aProducerKilledIsSucceededPastItsHighestNumber() throws Exception {
        ProducerKillAct act = new ProducerKillAct("producer-0");
        act.begin(scene, 0);
        scene.itemsReadToEnd = true;
        scene.highestSeqOnItems.put("producer-0", 70L);
        scene.neverAcknowledged = 3;
        assertThat(act.recovered(scene, 2 * SECOND)).isFalse();
        scene.highestSeqOnItems.put("producer-0", 71L);
        assertThat(act.recovered(scene, 3 * SECOND)).isTrue();
        assertThat(scene.strikes).containsExactly("kill producer-0", "restart producer-0 at #71");
        assertThat(act.unacknowledged()).isEqualTo(3);
    }

    @Test
    void aConsumerJoinsHoldsPartitionsLeavesAndTheGroupFlowsAfter() throws Exception {
        RebalanceAct act = new RebalanceAct();
        act.begin(scene, 0);
        assertThat(scene.strikes).containsExactly("join consumer-2");
        scene.flowing = true;
        assertThat(act.recovered(scene, SECOND)).as("it holds nothing yet").isFalse();
        scene.held.put("consumer-2", List.of(4, 5));
        assertThat(act.recovered(scene, 2 * SECOND)).as("it leaves; then the group must flow without it").isFalse();
        assertThat(scene.strikes).containsExactly("join consumer-2", "retire consumer-2");
        assertThat(act.recovered(scene, 3 * SECOND)).isTrue();
    }
}
