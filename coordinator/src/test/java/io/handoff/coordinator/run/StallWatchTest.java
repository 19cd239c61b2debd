package io.handoff.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StallWatchTest {

    private static final long S = 1_000_000_000L;
    private final List<Duration> collected = new ArrayList<>();
    private final StallWatch watch = new StallWatch(Duration.ofSeconds(60), 0, 2, 2, collected::add);

    @Test
    void evidenceIsCollectedOnceHalfwayThroughAStallAndTheRunIsGivenUpAtItsEnd() throws RunAbortedException {
        watch.observe(0, moved(10));
        watch.observe(29 * S, moved(10));
        assertThat(collected).as("not yet halfway").isEmpty();
        watch.observe(31 * S, moved(10));
        watch.observe(45 * S, moved(10));
        assertThat(collected).as("once per stall").containsExactly(Duration.ofSeconds(31));

        watch.observe(50 * S, moved(11));
        watch.observe(81 * S, moved(11));
        assertThat(collected).as("a new stall after movement collects again").hasSize(2);
        assertThatThrownBy(() -> watch.observe(111 * S, moved(11))).isInstanceOf(RunAbortedException.class)
                .hasMessageContaining("nothing moved for 60 s").hasMessageContaining("11 processed");
    }

    private static StallWatch.Movement moved(long processed) {
        return new StallWatch.Movement(100, processed, 0, 0, 0, 0);
    }
}
