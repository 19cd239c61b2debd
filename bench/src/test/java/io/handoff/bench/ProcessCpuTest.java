package io.handoff.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes sampled through {@code /proc}: what they spent is kept after they exit. */
@EnabledOnOs(OS.LINUX)
class ProcessCpuTest {

    @Test
    void keepsTheLastReadingOfAProcessThatExitedAndAgreesWithWhatThisJvmReaped() throws Exception {
        ProcessCpu cpu = new ProcessCpu();
        // Busy for a few hundred ms, then it waits for a sleep(1): one voluntary switch at least.
        Process busy = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 0.3")
                .start();
        cpu.watchNew("busy sh", busy.pid());
        assertThat(busy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        cpu.close();

        ProcessUsage usage = cpu.usage().getFirst();
        assertThat(usage.pid()).isEqualTo(busy.pid());
        assertThat(usage.role()).isEqualTo(ProcessUsage.Role.MEASURED);
        assertThat(usage.cpuSeconds()).as("sampled, last reading before the exit").isGreaterThan(0.05);
        assertThat(usage.voluntarySwitches()).isPositive();
        // Reaped: the shell and its sleep, to the end; sampling can only have seen less, to within a tick or two.
        assertThat(cpu.reapedCpuSeconds()).isGreaterThanOrEqualTo(usage.cpuSeconds() - 0.02);
    }

    @Test
    void splitsWhatAProcessSpentAfterTheMarkFromWhatItSpentBefore() throws Exception {
        ProcessCpu cpu = new ProcessCpu();
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        cpu.watchNew("busy sh", busy.pid());
        Thread.sleep(400);
        cpu.mark();
        Thread.sleep(400);
        busy.destroy();
        assertThat(busy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        cpu.close();

        ProcessUsage usage = cpu.usage().getFirst();
        assertThat(usage.cpuSecondsAfterMark()).isPositive().isLessThan(usage.cpuSeconds());
    }

    @Test
    void followsTheDescendantsOfAWatchedTreeAndNamesThem() throws Exception {
        ProcessCpu cpu = new ProcessCpu();
        Process parent = new ProcessBuilder("sh", "-c", "sleep 1; true").start();
        cpu.watchTree("parent", parent.pid(), child -> "child");
        assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        cpu.close();

        List<ProcessUsage> usage = cpu.usage();
        assertThat(usage).extracting(ProcessUsage::process).containsExactly("parent", "child");
    }

    @Test
    void countsOnlyWhatAnOngoingProcessSpendsWhileWatched() throws Exception {
        long before = ownTicks();
        ProcessCpu cpu = new ProcessCpu();
        cpu.watchOngoing("this JVM", ProcessHandle.current().pid(), ProcessUsage.Role.BENCH);
        // 200 ms of this thread's own CPU, not of wall time: on a loaded machine a wall-time spin gets less.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long spin = threads.getCurrentThreadCpuTime() + 200_000_000;
        while (threads.getCurrentThreadCpuTime() < spin) {
            Thread.onSpinWait();
        }
        cpu.close();
        long after = ownTicks();

        double seconds = cpu.usage().getFirst().cpuSeconds();
        assertThat(seconds).as("the spin, within a clock tick or two").isGreaterThan(0.15);
        assertThat(seconds).as("not what the JVM spent before it was watched")
                .isLessThanOrEqualTo((after - before) / (double) ClockTicks.PER_SECOND + 0.02);
    }

    private static long ownTicks() throws java.io.IOException {
        return ProcStat.parse(Files.readString(Path.of("/proc/self/stat"))).cpuTicks();
    }
}
