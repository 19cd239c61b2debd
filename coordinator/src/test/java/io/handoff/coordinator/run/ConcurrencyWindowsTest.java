package io.handoff.coordinator.run;

import io.handoff.coordinator.live.ProcessConcurrency;
import io.handoff.shared.message.ConcurrencySample;
import io.handoff.shared.message.ConcurrencySample.ThreadCount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Totals since a process started become counts in the window between its last two samples. */
class ConcurrencyWindowsTest {

    private final ConcurrencyWindows windows = new ConcurrencyWindows();

    private static ConcurrencySample sample(long atMs, long waits, long waitNanos, long deadlocks, long auditWaits) {
        return new ConcurrencySample(atMs, List.of(new ThreadCount("worker", "parked", true, 8),
                new ThreadCount("worker", "running", false, 1), new ThreadCount("main", "running", false, 1)),
                new ConcurrencySample.Locks("naive", waits, waitNanos, waits, waitNanos / 2, deadlocks, 0),
                new ConcurrencySample.Audit(3, 2, 1, auditWaits, auditWaits * 1_000_000), 150_000);
    }

    @Test
    void aWindowIsTheDifferenceOfTheLastTwoSamples() {
        ProcessConcurrency first = windows.of("consumer-0", "consumer", sample(1_000, 100, 100_000_000, 2, 10), 5, 7L);
        assertThat(first.windowSec()).as("one sample: no window yet").isZero();
        assertThat(first.lockWaits()).isZero();
        assertThat(first.platform()).isEqualTo(2);
        assertThat(first.virtual()).isEqualTo(8);

        ProcessConcurrency second = windows.of("consumer-0", "consumer", sample(2_000, 150, 150_000_000, 5, 30), 5, 7L);
        assertThat(second.windowSec()).isEqualTo(1.0);
        assertThat(second.lockWaits()).isEqualTo(50);
        assertThat(second.lockWaitMsMean()).isCloseTo(1.0, within(1e-9));
        assertThat(second.deadlocksBroken()).as("broken in the window, not in all").isEqualTo(3);
        assertThat(second.auditWaits()).isEqualTo(20);
        assertThat(second.auditWaitMsMean()).isCloseTo(1.0, within(1e-9));
        assertThat(second.sampleMicros()).isEqualTo(150.0);

        ProcessConcurrency again = windows.of("consumer-0", "consumer", sample(2_000, 150, 150_000_000, 5, 30), 5, 7L);
        assertThat(again).as("the same sample in the next heartbeat keeps its window").isEqualTo(second);
    }

    @Test
    void aRestartedProcessStartsItsWindowsOver() {
        windows.of("consumer-1", "consumer", sample(1_000, 500, 1, 9, 1), 0, 0L);
        ProcessConcurrency restarted = windows.of("consumer-1", "consumer", sample(2_000, 10, 1, 0, 1), 0, 0L);
        assertThat(restarted.windowSec()).isZero();
        assertThat(restarted.deadlocksBroken()).as("never negative").isZero();
    }

    @Test
    void aProducerHasNoLocksOrSemaphore() {
        ConcurrencySample producer = new ConcurrencySample(1_000, List.of(new ThreadCount("generator", "running", false, 2)),
                ConcurrencySample.Locks.NONE, ConcurrencySample.Audit.NONE, 80_000);
        ProcessConcurrency view = windows.of("producer-0", "producer", producer, 12, 300L);
        assertThat(view.lockMode()).isNull();
        assertThat(view.auditPermits()).isNull();
        assertThat(view.workerQueue()).isEqualTo(12);
        assertThat(windows.of("producer-1", "producer", null, 0, 0L)).as("no sample yet").isNull();
    }
}
