package io.handoff.coordinator.run;

import io.handoff.coordinator.report.Console;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Aborts a run in which nothing has moved for a while: no item written or processed, no report, no dead
 * letter, no partition finished. Compares typed counts, tick by tick. Halfway there it has the run's evidence
 * collected (once per stall), while the stuck processes are still as they were.
 */
final class StallWatch {

    /** Everything whose change counts as movement. */
    record Movement(long written, long processed, int producersDone, int consumersDone, long deadLetters,
            int finishedPartitions) {
    }

    private final Duration stall;
    private final int producers;
    private final int consumers;
    private final Consumer<Duration> halfway;
    private Movement last;
    private long lastMovedNanos;
    private boolean collected;

    StallWatch(Duration stall, long startedNanos, int producers, int consumers,
            Consumer<Duration> halfway) {
        this.stall = stall;
        this.halfway = halfway;
        this.lastMovedNanos = startedNanos;
        this.producers = producers;
        this.consumers = consumers;
    }

    void observe(long nowNanos, Movement now) throws RunAbortedException {
        if (!now.equals(last)) {
            last = now;
            lastMovedNanos = nowNanos;
            collected = false;
        } else if (!collected && nowNanos - lastMovedNanos > stall.toNanos() / 2) {
            collected = true;
            halfway.accept(Duration.ofNanos(nowNanos - lastMovedNanos));
        } else if (nowNanos - lastMovedNanos > stall.toNanos()) {
            throw new RunAbortedException("nothing moved for " + stall.toSeconds() + " s: "
                    + Console.count(now.written()) + " items written, " + Console.count(now.processed()) + " processed, "
                    + now.producersDone() + " of " + producers + " producers done, "
                    + now.consumersDone() + " of " + consumers + " consumers done");
        }
    }
}
