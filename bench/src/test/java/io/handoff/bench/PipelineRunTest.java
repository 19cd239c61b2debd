package io.handoff.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures the bench takes from a run's JSON report (trimmed from a real 100,000-item run's). */
class PipelineRunTest {

    @Test
    void readsRateVerdictLossAndLatencyFromTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("B-100b.json");
        Files.writeString(report, """
                {
                  "runId" : "20261201-093143-8vfe",
                  "passed" : true,
                  "verdict" : "passed",
                  "produced" : 100000,
                  "consumedUnique" : 100000,
                  "lost" : 0,
                  "duplicates" : 0,
                  "unexpected" : 0,
                  "durationMs" : 18108,
                  "processingMs" : 11484,
                  "itemsPerSec" : 8707.8,
                  "e2eLatencyMs" : { "p50" : 5419, "p99" : 7559, "p999" : 8120, "max" : 8351 },
                  "drainMs" : 4320,
                  "endedBy" : "sentinels",
                  "logs" : "/work/wt-bench/runs/20261201-093143-8vfe"
                }
                """);

        PipelineRun.Figures figures = PipelineRun.read(report).orElseThrow();

        assertThat(figures.passed()).isTrue();
        assertThat(figures.consumedUnique()).isEqualTo(100_000);
        assertThat(figures.lost()).isZero();
        assertThat(figures.duplicates()).isZero();
        assertThat(figures.itemsPerSec()).isEqualTo(8707.8);
        assertThat(figures.processingMs()).isEqualTo(11_484);
        assertThat(new long[] {figures.p50(), figures.p99(), figures.p999(), figures.maxMs()})
                .containsExactly(5419, 7559, 8120, 8351);
    }

    @Test
    void hasNoFiguresWithoutAReport(@TempDir Path dir) {
        assertThat(PipelineRun.read(dir.resolve("missing.json"))).isEmpty();
    }
}
