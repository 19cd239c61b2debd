package io.handoff.coordinator.scenarios.soak;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's series: a process judged alone when it lived two rounds, a restarted instance judged across its
 * processes, so that a pattern that repeats every round passes and growth that carries on from round to round fails.
 */
class TrendsTest {

    private static final double ROUND = 240;
    private static final Trends.Spans SPANS = new Trends.Spans(2 * ROUND - 20, 1200 - 20, ROUND - 20, 0);

    @Test
    void aBrokerRestartedEachRoundWhoseFilesStepUpWithinEachLifeIsJudgedAcrossItsLivesAndPasses() {
        List<ResourceSampler.ProcessSample> samples = new ArrayList<>();
        for (int life = 0; life < 5; life++) {
            for (int i = 0; i < 24; i++) {
                double at = 600 + life * ROUND + i * 10;
                samples.add(sample(at, "broker", 100 + life, 170, 90, i < 11 ? 710 : 780));
            }
        }

        List<Growth> growths = Trends.of(samples, List.of(), 600, 1800, SPANS);

        assertThat(growths).filteredOn(g -> g.series().startsWith("broker pid")).allSatisfy(g ->
                assertThat(g.judged()).as("a life of one round is not judged alone: %s", g).isFalse());
        assertThat(growths).filteredOn(g -> g.series().equals("broker (all its processes)"))
                .hasSize(3).allSatisfy(g -> assertThat(g.judged() && g.passed()).as("%s", g).isTrue());
    }

    @Test
    void filesThatCarryOnGrowingFromLifeToLifeFailTheInstance() {
        List<ResourceSampler.ProcessSample> samples = new ArrayList<>();
        for (int life = 0; life < 5; life++) {
            for (int i = 0; i < 24; i++) {
                samples.add(sample(600 + life * ROUND + i * 10, "broker", 100 + life, 170, 90, 700 + 60 * life + i));
            }
        }

        assertThat(Trends.of(samples, List.of(), 600, 1800, SPANS))
                .filteredOn(g -> g.series().equals("broker (all its processes)") && g.metric() == Growth.Metric.OPEN_FILES)
                .singleElement().satisfies(g -> assertThat(g.passed()).as("%s", g).isFalse());
    }

    @Test
    void aLongLivedProcessIsJudgedAloneAndItsLeakFails() {
        List<ResourceSampler.ProcessSample> samples = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            samples.add(sample(600 + i * 10, "consumer-1", 7, (20 + i * 0.2) * (1 << 20), 40, 60));
        }

        List<Growth> growths = Trends.of(samples, List.of(), 600, 1800, SPANS);

        assertThat(growths).filteredOn(g -> g.metric() == Growth.Metric.HEAP).singleElement().satisfies(g -> {
            assertThat(g.series()).isEqualTo("consumer-1 pid 7");
            assertThat(g.judged()).isTrue();
            assertThat(g.passed()).as("24 MiB over 20 minutes: %s", g).isFalse();
        });
        assertThat(growths).as("one process: no instance series").noneMatch(g -> g.series().contains("all its"));
    }

    /**
     * SoakIT's two minutes beside a CPU hog: rounds of samples took 5-10 s instead of 5, the window (72 s to the
     * stop at 120 s) began 6.4 s before its first sample and ended 7.3 s after its last, and with the median
     * spacing as the allowance no series, not even the coordinator's, was long enough to judge. The longest wait,
     * edges included, lets every process that lived the whole window be judged.
     */
    @Test
    void aProcessThatLivedTheWholeWindowIsJudgedHoweverUnevenlyItWasSampled() {
        SoakSettings two = SoakSettings.of(java.time.Duration.ofSeconds(120), java.time.Duration.ofSeconds(12),
                java.time.Duration.ofSeconds(5));
        List<ResourceSampler.ProcessSample> samples = new ArrayList<>();
        for (double at : new double[] {6.2, 23.7, 33.6, 39.0, 44.4, 51.2, 59.6, 70.5, 78.4, 85.2, 94.9, 100.2, 106.2,
                112.7}) {
            samples.add(sample(at, ResourceSampler.COORDINATOR, 1, 30 << 20, 40, 60));
            samples.add(sample(at, "consumer-1", 2, 30 << 20, 40, 60));
        }
        double from = two.judgedFromS(120);

        assertThat(SoakFault.spacing(samples, from, 120)).as("the longest wait, edges included").isCloseTo(9.7,
                org.assertj.core.data.Offset.offset(0.01));
        List<Growth> growths = Trends.of(samples, List.of(), from, 120,
                two.judgedSpans(from, 120, SoakFault.spacing(samples, from, 120)));
        assertThat(growths).filteredOn(g -> g.metric() == Growth.Metric.HEAP).hasSize(2)
                .allSatisfy(g -> assertThat(g.judged() && g.passed()).as("%s", g).isTrue());
    }

    /**
     * SoakIT's two minutes on 7e0280e (AMD EPYC): the broker restarted at 84 s, just after the window (82-130 s)
     * began, and its open files rose from 219 to 252 as its predecessor's had over the same part of its life. A
     * process that started just before a window shorter than two rounds is reported, not judged; one up since the
     * soak's first samples is judged, and its leak still fails.
     */
    @Test
    void inAShortWindowAProcessStillStartingIsReportedAndOneUpSinceTheStartIsJudged() {
        SoakSettings two = SoakSettings.of(java.time.Duration.ofSeconds(120), java.time.Duration.ofSeconds(12),
                java.time.Duration.ofSeconds(5));
        List<ResourceSampler.ProcessSample> samples = new ArrayList<>();
        double[] at = {5, 18, 26, 33, 39, 45, 52, 59, 68, 77, 83, 89, 94, 103, 109, 117, 124};
        long[] restarted = {219, 217, 230, 229, 248, 252};
        for (int i = 0; i < at.length; i++) {
            samples.add(sample(at[i], ResourceSampler.COORDINATOR, 1, (18 + 0.1 * i) * (1 << 20), 28, 190 + 6 * i));
            if (at[i] >= 89) {
                samples.add(sample(at[i], "broker", 3, 165 << 20, 90, restarted[i - 11]));
            } else if (at[i] >= 39) {
                samples.add(sample(at[i], "broker", 2, 165 << 20, 90, 240 + (at[i] > 56 ? 20 : 0)));
            }
        }
        double from = 81.8;

        List<Growth> growths = Trends.of(samples, List.of(), from, 129.8,
                two.judgedSpans(from, 129.8, SoakFault.spacing(samples, from, 129.8)));

        assertThat(growths).filteredOn(g -> g.series().equals("broker pid 3")).isNotEmpty()
                .allSatisfy(g -> assertThat(g.judged()).as("started 5 s before the window: %s", g).isFalse());
        assertThat(growths).filteredOn(g -> g.series().equals("coordinator pid 1")
                && g.metric() == Growth.Metric.OPEN_FILES).singleElement().satisfies(g -> {
                    assertThat(g.judged()).as("up since the first sample").isTrue();
                    assertThat(g.passed()).as("6 files a sample, 36 over the window: %s", g).isFalse();
                });
    }

    /**
     * CI's run of 0b4fff9: a producer's heap rose and fell with each round (about 20 MiB just after a broker restart,
     * 30 MiB before the next), and a line through the one-round window (83-131 s) read the rise as +8.0 MiB: a leak.
     * Against the round before, the same cycle is nothing; a leak of 12 MiB a round on top of it still fails.
     */
    @Test
    void inAOneRoundWindowACycleThatRepeatsEachRoundPassesAndALeakOnTopOfItFails() {
        SoakSettings two = SoakSettings.of(java.time.Duration.ofSeconds(120), java.time.Duration.ofSeconds(12),
                java.time.Duration.ofSeconds(5));
        double stop = 131;
        double from = two.judgedFromS(stop);
        List<ResourceSampler.ProcessSample> cycling = new ArrayList<>();
        List<ResourceSampler.ProcessSample> leaking = new ArrayList<>();
        for (double at = 4; at <= stop; at += 5) {
            // The round's broker restart comes as the window begins; the heap drops with it and climbs to the next.
            double phase = ((at - from) % 48 + 48) % 48 / 48;
            double mib = 20 + 10 * phase;
            cycling.add(sample(at, "producer-1", 5, mib * (1 << 20), 60, 80));
            leaking.add(sample(at, "producer-1", 5, (mib + 12 * at / 48) * (1 << 20), 60, 80));
        }
        Trends.Spans spans = two.judgedSpans(from, stop, SoakFault.spacing(cycling, from, stop));

        assertThat(Growth.of("producer-1 pid 5", Growth.Metric.HEAP, cycling.stream().filter(s -> s.atS() >= from)
                .map(s -> new double[] {s.atS(), s.heapAfterGcBytes()}).toList(), 0).passed())
                .as("a line through the window alone reads the climb as growth").isFalse();
        assertThat(Trends.of(cycling, List.of(), from, stop, spans)).filteredOn(g -> g.metric() == Growth.Metric.HEAP)
                .singleElement().satisfies(g -> {
                    assertThat(g.fit()).isEqualTo(Growth.Fit.ROUNDS);
                    assertThat(g.judged() && g.passed()).as("%s", g).isTrue();
                    assertThat(Math.abs(g.growth())).as("%s", g).isLessThan(2);
                });
        assertThat(Trends.of(leaking, List.of(), from, stop, spans)).filteredOn(g -> g.metric() == Growth.Metric.HEAP)
                .singleElement().satisfies(g -> assertThat(g.judged() && !g.passed()).as("%s", g).isTrue());
    }

    private static ResourceSampler.ProcessSample sample(double at, String process, long pid, double heap, int threads,
            long files) {
        return new ResourceSampler.ProcessSample(at, process, pid, (long) heap, 0, threads, files);
    }
}
