package io.handoff.coordinator.run;

import io.handoff.coordinator.scenario.RunPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunPlanTest {

    @ParameterizedTest(name = "{0} items over {1} producers")
    @CsvSource({"200000, 2", "100001, 3", "7, 7", "10, 4"})
    void sharesTheTotalAmongProducersWithinOneItemOfEachOther(long items, int producers) {
        RunPlan plan = RunPlan.builder().processes(producers, 1).items(items).partitions(1).build();

        List<Long> shares = IntStream.range(0, producers).mapToObj(plan::itemsFor).toList();

        assertThat(shares).allSatisfy(share -> assertThat(share).isBetween(items / producers, items / producers + 1));
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(items);
    }

    @Test
    void aCopyChangesOnlyWhatItIsToldTo() {
        RunPlan plan = RunPlan.builder().scenario("isolation").processes(2, 3).items(0)
                .stopAfter(Duration.ofSeconds(12)).flow(RunPlan.Flow.paced(1_500)).build();

        RunPlan sized = plan.withServices("kafka:9092", 1, 2, 0).withStopAfter(Duration.ofMinutes(20));

        assertThat(sized.shape()).isEqualTo(new RunPlan.Shape(1, 2, 0, 6, 100));
        assertThat(sized.bootstrap()).contains("kafka:9092");
        assertThat(sized.flow()).isEqualTo(plan.flow());
        assertThat(sized.services()).isEqualTo(RunPlan.Services.DEFAULT);
        assertThat(sized.scenario()).isEqualTo("isolation");
        // The timeout grows with the stop, so the drain still has two minutes.
        assertThat(sized.timeout()).isEqualTo(Duration.ofMinutes(22));
    }

    @Test
    void aPlanGivingSomeProducerNoItemIsRefused() {
        // itemsFor would give producer 2 nothing, which a producer takes for "until stopped": the run would hang.
        assertThatThrownBy(() -> RunPlan.builder().processes(3, 1).items(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least the number of producers");
    }
}
