package io.handoff.producer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    @Test
    void withoutALimitAWholeChunkIsDueAtOnce() throws Exception {
        Pacer.Slots slots = new Pacer(0).acquire(256);

        assertThat(slots.count()).isEqualTo(256);
        assertThat(slots.intervalNanos()).isZero();
    }

    @Test
    void slotsFollowOneScheduleAndEachItemIsStampedWithItsOwnSlot() throws Exception {
        Pacer pacer = new Pacer(1_000); // a slot every millisecond
        pacer.restart();
        Pacer.Slots first = pacer.acquire(256);
        Pacer.Slots next = pacer.acquire(256);

        assertThat(first.count()).as("just started: only what is due, not a chunk").isLessThan(50);
        assertThat(next.firstNanos()).as("the next claim starts where the last ended")
                .isEqualTo(first.firstNanos() + first.count() * first.intervalNanos());
        assertThat(pacer.wallClockMs(next, 0) - pacer.wallClockMs(first, 0)).isBetween(first.count() - 1L,
                first.count() + 1L);
    }

    @Test
    void aScheduleRestartedNowOwesNothingFromBefore() throws Exception {
        Pacer pacer = new Pacer(100_000); // made long before the producer begins, as a service's is
        long spin = System.nanoTime() + 20_000_000; // 20 ms: 2,000 slots would be owed without the restart
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }
        pacer.restart();

        assertThat(pacer.acquire(5_000).count()).as("no burst at the start").isLessThan(1_000);
    }
}
