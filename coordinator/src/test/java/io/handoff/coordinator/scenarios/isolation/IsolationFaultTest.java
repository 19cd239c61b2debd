package io.handoff.coordinator.scenarios.isolation;

import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.FakeScene;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The isolation fault against a fake scene: when it kills, how often, what holds the stop, and its check. */
class IsolationFaultTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeScene scene = new FakeScene();

    @Test
    void killsWhenDueThenOnlyAfterTheOutageBeforeIsOver() throws Exception {
        IsolationFault fault = new IsolationFault(2, Duration.ofSeconds(5), 7);
        fault.started(scene, 0);

        fault.tick(scene, 4 * SECOND, false);
        assertThat(scene.strikes).as("not before it is due").isEmpty();
        assertThat(fault.pending()).as("the stop waits for the kills").isTrue();

        fault.tick(scene, 5 * SECOND, false);
        fault.tick(scene, 6 * SECOND, false);
        fault.tick(scene, 60 * SECOND, false);
        assertThat(scene.strikes).as("one kill while its outage is measured").containsExactly("kill consumer");

        scene.outageUnderWay = false; // the engine has measured the outage
        fault.tick(scene, 61 * SECOND, false);
        assertThat(scene.strikes).as("the next one comes 2.5 to 7.5 s after").hasSize(1);
        fault.tick(scene, 69 * SECOND, false);
        assertThat(scene.strikes).containsExactly("kill consumer", "kill consumer");
        assertThat(fault.pending()).as("its outage still measured").isTrue();

        scene.outageUnderWay = false;
        fault.tick(scene, 70 * SECOND, false);
        fault.tick(scene, 200 * SECOND, false);
        assertThat(scene.strikes).as("never more than asked").hasSize(2);
        assertThat(fault.pending()).isFalse();
        assertThat(fault.checks(FakeScene.evidence(FakeScene.clean(100))))
                .singleElement().extracting(Check::passed).isEqualTo(true);
    }

    @Test
    void triesAgainWhileNoConsumerIsAtWorkAndNeverKillsDuringTheDrain() throws Exception {
        IsolationFault fault = new IsolationFault(1, Duration.ofSeconds(1), 7);
        fault.started(scene, 0);
        scene.consumerAtWork = false;

        fault.tick(scene, 2 * SECOND, false);
        assertThat(scene.strikes).isEmpty();
        fault.tick(scene, 3 * SECOND, true);
        scene.consumerAtWork = true;
        fault.tick(scene, 4 * SECOND, true);
        assertThat(scene.strikes).as("a drain is left alone").isEmpty();

        Check check = fault.checks(FakeScene.evidence(FakeScene.clean(100))).getFirst();
        assertThat(check.passed()).as("a run that ended before its kill does not pass as one that survived it")
                .isFalse();
        assertThat(check.detail()).startsWith("only 0 of 1 kill(s) happened");
    }

    @Test
    void mayRepeatWorkAndRefusesNonsense() {
        assertThat(new IsolationFault(1, Duration.ZERO, 7).mayRepeatWork()).isTrue();
        assertThatThrownBy(() -> new IsolationFault(0, Duration.ofSeconds(1), 7))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
