package io.handoff.coordinator.run;

import io.handoff.shared.config.LockMode;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunPlanTest {

    @ParameterizedTest(name = "{0} items over {1} producers")
    @CsvSource({"200000, 2", "100001, 3", "7, 7", "10, 4"})
    void sharesTheTotalAmongProducersWithinOneItemOfEachOther(long items, int producers) {
        RunPlan plan = new RunPlan(producers, 1, items, 1, 0, Optional.empty(), Optional.empty(), 0, 1, 1, 2,
                LockMode.ORDERED, ThreadKind.PLATFORM, Work.NONE, 0, RunPlan.Flow.FREE, RunPlan.Ending.BY_ITEMS,
                RunPlan.Drill.NONE, Duration.ofMinutes(1), true);

        List<Long> shares = IntStream.range(0, producers).mapToObj(plan::itemsFor).toList();

        assertThat(shares).allSatisfy(share -> assertThat(share).isBetween(items / producers, items / producers + 1));
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(items);
    }

    @Test
    void aPlanGivingSomeProducerNoItemIsRefused() {
        // itemsFor would give producer 2 nothing, which a producer takes for "until stopped": the run would hang.
        assertThatThrownBy(() -> new RunPlan(3, 1, 2, 1, 0, Optional.empty(), Optional.empty(), 0, 1, 1, 2,
                LockMode.ORDERED, ThreadKind.PLATFORM, Work.NONE, 0, RunPlan.Flow.FREE, RunPlan.Ending.BY_ITEMS,
                RunPlan.Drill.NONE, Duration.ofMinutes(1), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least the number of producers");
    }
}
