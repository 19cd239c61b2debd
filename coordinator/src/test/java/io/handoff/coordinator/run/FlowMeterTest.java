package io.handoff.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.coordinator.audit.StatusBoard;
import org.junit.jupiter.api.Test;

class FlowMeterTest {

    private static final long MS = 1_000_000L;
    private final FlowMeter flow = new FlowMeter();
    private final StatusBoard board = new StatusBoard("run-1");

    @Test
    void whatWasProcessedInTheLastSecondComesFromTheSamplesOfThatSecond() {
        assertThat(flow.processedInLastSecond()).as("no samples yet").isZero();
        flow.sample(0, 100, 10, board);
        assertThat(flow.processedInLastSecond()).as("one sample is no span").isZero();
        flow.sample(500 * MS, 200, 60, board);
        flow.sample(1_000 * MS, 300, 160, board);
        flow.sample(1_500 * MS, 400, 400, board);

        assertThat(flow.processedInLastSecond()).as("from the sample at 0.5 s to the one at 1.5 s").isEqualTo(340);
        assertThat(flow.processedRate(500 * MS, 1_500 * MS)).isEqualTo(340.0);

        flow.sample(3_000 * MS, 500, 900, board);
        assertThat(flow.processedInLastSecond()).as("no sample in the second before the newest").isZero();
    }
}
