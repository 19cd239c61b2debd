package io.handoff.lessons.book;

import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.message.Work;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what the consumer's worker pool's threads buy for each kind of work, in process, without Kafka
 * (through {@link PoolRuns}, as the lessons drive it): CPU-bound
 * speed-up against worker count, IO-bound throughput against Little's law, and how many waiting items
 * virtual threads keep in flight next to a 200-thread platform pool. Prints a table and writes it to
 * {@code target/benchmarks/concurrency.md}. Run with {@code ./handoff bench}; figures, not assertions on time.
 */
@Tag("benchmark")
class ConcurrencyBenchmark {

    private final List<String> report = new ArrayList<>();

    @Test
    void measuresCpuScalingLittlesLawAndVirtualThreads() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        line("# Concurrency benchmark (%d cores, Java %s)", cores, Runtime.version());
        cpuBound(cores);
        ioBound();
        virtualVersusPlatform();
        Path out = Path.of("target", "benchmarks", "concurrency.md");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        System.out.println(String.join(System.lineSeparator(), report));
        System.out.println("written to " + out.toAbsolutePath());
    }

    private void cpuBound(int cores) throws Exception {
        Work work = new Work(Work.Kind.CPU, 200);
        int items = 8_000;
        line("");
        line("## CPU-bound items (%s each), %d items, median of 3 runs", work, items);
        line("");
        line("| workers | items/s | speed-up vs 1 worker |");
        line("| ---: | ---: | ---: |");
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            PoolRuns.run(ThreadKind.PLATFORM, 2, work, items); // let the JIT compile the work before measuring
        }
        double one = 0;
        for (int workers : List.of(1, 2, 4, 8, 16)) {
            double perSecond = medianOf3(() -> PoolRuns.run(ThreadKind.PLATFORM, workers, work, items).perSecond());
            one = workers == 1 ? perSecond : one;
            line("| %d | %,.0f | %.2f× |", workers, perSecond, perSecond / one);
        }
        line("");
        line("Speed-up follows the cores (%d here) and stops there: more threads than cores only take turns.", cores);
    }

    private void ioBound() throws Exception {
        Work work = new Work(Work.Kind.IO, 2_000);
        int items = 2_000;
        line("");
        line("## IO-bound items (%s: a 2 ms wait each), %d items", work, items);
        line("");
        line("Little's law: items in flight = throughput × time each item takes, so with W workers each");
        line("waiting 2 ms, throughput should be W / 2 ms = 500 × W items/s until something else saturates.");
        line("");
        line("| workers | items/s measured | items/s by Little's law | measured / law |");
        line("| ---: | ---: | ---: | ---: |");
        for (int workers : List.of(1, 4, 16, 64, 256)) {
            PoolRuns.Measured m = PoolRuns.run(ThreadKind.PLATFORM, workers, work, items);
            double law = workers / 0.002;
            line("| %d | %,.0f | %,.0f | %.2f |", workers, m.perSecond(), law, m.perSecond() / law);
        }
    }

    private void virtualVersusPlatform() throws Exception {
        Work work = new Work(Work.Kind.IO, 100_000);
        int items = 10_000;
        line("");
        line("## 10,000 items that each wait 100 ms (%s)", work);
        line("");
        line("| workers | most items waiting at once | wall time | items/s |");
        line("| --- | ---: | ---: | ---: |");
        for (Object[] pool : List.of(new Object[] {ThreadKind.PLATFORM, 200}, new Object[] {ThreadKind.VIRTUAL, 10_000})) {
            ThreadKind kind = (ThreadKind) pool[0];
            int workers = (Integer) pool[1];
            PoolRuns.Measured m = PoolRuns.run(kind, workers, work, items);
            line("| %,d %s | %,d | %.2f s | %,.0f |", workers, kind.label(), m.mostInFlight(), m.seconds(), m.perSecond());
            assertThat(m.mostInFlight()).isPositive();
        }
        line("");
        line("A platform thread per waiting item would need 10,000 OS threads; a virtual thread parked in a wait");
        line("gives its carrier back, so 10,000 of them cost little more than the items themselves.");
    }

    private interface Trial {
        double run() throws Exception;
    }

    private static double medianOf3(Trial trial) throws Exception {
        double[] results = {trial.run(), trial.run(), trial.run()};
        java.util.Arrays.sort(results);
        return results[1];
    }

    private void line(String format, Object... args) {
        report.add(String.format(Locale.ROOT, format, args));
    }

}
