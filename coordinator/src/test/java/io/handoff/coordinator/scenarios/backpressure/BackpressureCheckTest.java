package io.handoff.coordinator.scenarios.backpressure;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FakeScene;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A credit window's guarantee, judged on a run's flow figures: held, and each way it can be broken. */
class BackpressureCheckTest {

    private static Check judge(RunReport.FlowReport flow) {
        Fault.Evidence evidence = FakeScene.evidence(FakeScene.clean(1_000));
        return new BackpressureCheck().checks(new Fault.Evidence(evidence.history(), evidence.malformed(), Map.of(),
                flow)).getFirst();
    }

    @Test
    void holdsTheWindowAndBringsRatesTogether() {
        Check held = judge(new RunReport.FlowReport(0, 4, 1_000, 990, 500, 480, 10, 10, 2, 20L << 20, 30L << 20));
        assertThat(held.passed()).as(held.detail()).isTrue();
        assertThat(held.name()).isEqualTo("backpressure");
    }

    @Test
    void failsOverTheWindowApartRatesAndAGrowingHeap() {
        Check over = judge(new RunReport.FlowReport(0, 4, 1_000, 1_001, 900, 480, 10, 10, 2, 20L << 20, 60L << 20));
        assertThat(over.passed()).isFalse();
        assertThat(over.detail()).contains("1001 unprocessed items, over the window of 1000")
                .contains("producers at 900 items/s, consumers at 480").contains("producer heap grew from 20 to 60 MiB");
        assertThat(new BackpressureCheck().pending()).as("it does nothing to the run").isFalse();
        assertThat(new BackpressureCheck().report()).isEqualTo(List.of());
    }
}
