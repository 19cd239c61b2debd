package io.handoff.coordinator.scenarios.producerkill;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.FakeScene;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer-kill fault against a fake scene: one kill when due; the successor starts only once {@code items}
 * is read to its end, one past the dead one's highest number there; the stop waits until its items are on the topic.
 */
class ProducerKillFaultTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeScene scene = new FakeScene();
    private final ProducerKillFault fault = new ProducerKillFault("producer-0", Duration.ofSeconds(4));

    @Test
    void killsOnceThenStartsTheSuccessorPastTheHighestNumberOnItems() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 3 * SECOND, false);
        assertThat(scene.strikes).isEmpty();

        fault.tick(scene, 4 * SECOND, false);
        fault.tick(scene, 6 * SECOND, false);
        assertThat(scene.strikes).as("items not yet read to its end: its numbers are not final").containsExactly(
                "kill producer-0");

        scene.itemsReadToEnd = true;
        scene.highestSeqOnItems.put("producer-0", 4_321L);
        scene.neverAcknowledged = 17;
        fault.tick(scene, 7 * SECOND, false);
        assertThat(scene.strikes).containsExactly("kill producer-0", "restart producer-0 at #4322");
        assertThat(fault.pending()).as("the successor's items are not on the topic yet").isTrue();
        assertThat(fault.unacknowledged()).isEqualTo(17);

        scene.highestSeqOnItems.put("producer-0", 4_322L);
        fault.tick(scene, 8 * SECOND, false);
        assertThat(fault.pending()).isFalse();
        assertThat(fault.checks(FakeScene.evidence(FakeScene.clean(9_000)))).singleElement()
                .satisfies(check -> assertThat(check.passed()).as(check.detail()).isTrue());
        assertThat(fault.report()).singleElement().extracting(RunReport.FaultReport::kind).isEqualTo("producer-kill");
        assertThat(scene.strikes).as("one kill, one successor").hasSize(2);
    }

    @Test
    void aSuccessorThatWritesNothingFailsTheCheck() throws Exception {
        fault.started(scene, 0);
        fault.tick(scene, 4 * SECOND, false);
        scene.itemsReadToEnd = true;
        scene.highestSeqOnItems.put("producer-0", 99L);
        fault.tick(scene, 6 * SECOND, false);
        fault.tick(scene, 60 * SECOND, false);

        assertThat(fault.checks(FakeScene.evidence(FakeScene.clean(100)))).singleElement().satisfies(check -> {
            assertThat(check.passed()).isFalse();
            assertThat(check.detail()).contains("wrote nothing from #100");
        });
    }
}
