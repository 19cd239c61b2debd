package io.handoff.coordinator.scenarios.soak;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The soak's judgement of a trend: noise and sawtooth pass, a leak fails, and a handful of samples is no trend. */
class GrowthTest {

    private static final double MIB = 1 << 20;

    @Test
    void aFlatNoisyHeapPasses() {
        Random random = new Random(11);
        List<double[]> points = series(60, i -> (40 + random.nextGaussian() * 3) * MIB);

        Growth growth = Growth.of("consumer-0 pid 1", Growth.Metric.HEAP, points, 0);

        assertThat(growth.judged()).isTrue();
        assertThat(growth.passed()).as("%s", growth).isTrue();
    }

    @Test
    void aSteadyLeakFailsOnItsSlopeThoughEachStepIsSmall() {
        // 200 KiB a sample, 10 s apart: 12 MiB over ten minutes, far below any one sample's size.
        List<double[]> points = series(60, i -> 40 * MIB + i * 200 * 1024.0);

        Growth growth = Growth.of("consumer-0 pid 1", Growth.Metric.HEAP, points, 0);

        assertThat(growth.slopePerMinute()).isCloseTo(1.172, org.assertj.core.data.Offset.offset(0.01));
        assertThat(growth.growth()).isGreaterThan(growth.allowed());
        assertThat(growth.passed()).isFalse();
    }

    @Test
    void aThreadThatLeaksEveryMinuteFails() {
        List<double[]> points = series(60, i -> 40 + i / 6);

        assertThat(Growth.of("broker pid 2", Growth.Metric.THREADS, points, 0).passed()).isFalse();
    }

    @Test
    void segmentsAgingOutOneByOneMakeASawtoothThatPasses() {
        // A broker's data: 100 MiB to 180 MiB and back, as segments roll and age out.
        List<double[]> points = series(90, i -> (100 + 10 * (i % 9)) * MIB);

        Growth growth = Growth.of("broker-data", Growth.Metric.DISK, points, 0);

        assertThat(growth.passed()).as("%s", growth).isTrue();
    }

    @Test
    void aDiskThatKeepsEverythingFails() {
        List<double[]> points = series(30, i -> (100 + 16.0 * i) * MIB);

        assertThat(Growth.of("broker-data", Growth.Metric.DISK, points, 0).passed()).isFalse();
    }

    @Test
    void tooFewSamplesAreReportedAndNotJudged() {
        Growth growth = Growth.of("producer-0 pid 3", Growth.Metric.HEAP, series(Growth.MIN_SAMPLES - 1,
                i -> i * 100 * MIB), 0);

        assertThat(growth.judged()).isFalse();
        assertThat(growth.passed()).as("not judged: neither pass nor fail counts").isTrue();
    }

    @Test
    void settingsRefuseWhatCannotMakeASoakAndSayWhatIsAccepted() {
        assertThatThrownBy(() -> SoakSettings.of(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5)))
                .hasMessageContaining("at least 60 s");
        assertThatThrownBy(() -> SoakSettings.of(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("at least 10 s apart");
        assertThatThrownBy(() -> SoakSettings.of(Duration.ofMinutes(2), Duration.ofSeconds(20), Duration.ofSeconds(30)))
                .hasMessageContaining("at least 12 per soak");
        SoakSettings thirty = SoakSettings.of(Duration.ofMinutes(30), Duration.ofSeconds(60), Duration.ofSeconds(10));
        assertThat(thirty.retention()).isEqualTo(Duration.ofMinutes(2));
        assertThat(thirty.judgedFromS(1800)).as("whole rounds of four faults a minute apart, past the first quarter")
                .isEqualTo(600);
        SoakSettings two = SoakSettings.of(Duration.ofMinutes(2), Duration.ofSeconds(12), Duration.ofSeconds(5));
        assertThat(two.judgedFromS(120)).as("one round, past the calibration and two retention periods").isEqualTo(72);
        assertThat(two.judgedFromS(100)).as("no room for a round").isEqualTo(70);
        assertThat(two.judgedSpans(72, 120, 5).instanceS()).as("one round: no instance judged across its lives")
                .isInfinite();
        assertThat(thirty.judgedSpans(600, 1800, 10).instanceS()).as("five rounds: nine tenths of the window")
                .isEqualTo(1080);
    }

    private static List<double[]> series(int n, java.util.function.IntToDoubleFunction value) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new double[] {10.0 * i, value.applyAsDouble(i)});
        }
        return points;
    }
}
