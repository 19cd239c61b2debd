package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.FlowReport;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.message.ConsumerProgress;
import io.handoff.shared.message.ProducerProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures backpressure from the coordinator's seat: items written and processed over time (so producer and
 * consumer rates can be compared once they settle), and, from the heartbeats, the most any bounded thing
 * ever held: unprocessed items per producer, queue depths, paused partitions, producers' heap.
 */
final class FlowMeter {

    private final List<long[]> samples = new ArrayList<>(); // {nanos, written, processed}
    private long maxUnprocessed;
    private int maxProducerQueue;
    private int maxConsumerQueue;
    private int maxPaused;
    private long heapFirst = -1;
    private long heapMax;
    private long stoppedNanos = -1;
    /** How long a joining consumer's group takes to rebalance and start it working, left out of its rate. */
    private static final long SETTLE_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();

    /** The stop was sent: rates "after" a join are measured up to here, not into the drain. */
    void stopped(long now) {
        stoppedNanos = now;
    }

    /** Items processed per second between two moments, from the samples nearest inside them; 0 if too few. */
    double processedRate(long fromNanos, long toNanos) {
        long[] first = null;
        long[] last = null;
        for (long[] s : samples) {
            if (s[0] >= fromNanos && s[0] <= toNanos) {
                first = first == null ? s : first;
                last = s;
            }
        }
        if (first == null || last == first) {
            return 0;
        }
        return Math.round((last[2] - first[2]) / ((last[0] - first[0]) / 1e9) * 10) / 10.0;
    }

    /**
     * Items processed between the newest sample and the oldest one at most a second before it: the work done
     * since the consumers' latest heartbeats, which a fault judges its duplicate window by. 0 before two samples.
     */
    long processedInLastSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] newest = samples.getLast();
        long[] oldest = newest;
        for (int i = samples.size() - 2; i >= 0 && samples.get(i)[0] >= newest[0] - SECOND_NANOS; i--) {
            oldest = samples.get(i);
        }
        return newest[2] - oldest[2];
    }

    /** Each joined consumer with the run's rate in the 5 s before it and from 5 s after it to the stop. */
    List<RunReport.Join> joins(List<ServiceFleet.Joined> joined) {
        long end = stoppedNanos >= 0 ? stoppedNanos : samples.isEmpty() ? 0 : samples.getLast()[0];
        return joined.stream().map(j -> new RunReport.Join(j.process().name(), j.process().pid(), j.atMs(),
                processedRate(j.atNanos() - SETTLE_NANOS, j.atNanos()),
                processedRate(j.atNanos() + SETTLE_NANOS, end))).toList();
    }

    void sample(long now, long written, long processed, StatusBoard board) {
        samples.add(new long[] {now, written, processed});
        for (ProducerProgress p : board.producerProgress().values()) {
            maxUnprocessed = Math.max(maxUnprocessed, p.unprocessed());
            maxProducerQueue = Math.max(maxProducerQueue, p.queueDepth());
            if (heapFirst < 0 && p.sent() > 0) {
                heapFirst = p.heapUsedBytes();
            }
            heapMax = Math.max(heapMax, p.heapUsedBytes());
        }
        for (ConsumerProgress c : board.consumerProgress().values()) {
            maxConsumerQueue = Math.max(maxConsumerQueue, c.queueDepth());
            maxPaused = Math.max(maxPaused, c.pausedPartitions());
        }
    }

    /**
     * Rates over the second half of the time items were being written, when a credit window has had time to
     * bring the producers down to the consumers' pace.
     */
    FlowReport report(RunPlan.Flow flow) {
        long[] last = samples.stream().filter(s -> s[1] > 0).reduce((a, b) -> b[1] > a[1] ? b : a).orElse(null);
        double producerRate = 0;
        double consumerRate = 0;
        if (last != null) {
            long firstWrite = samples.stream().filter(s -> s[1] > 0).mapToLong(s -> s[0]).min().orElse(last[0]);
            long mid = firstWrite + (last[0] - firstWrite) / 2;
            long[] half = samples.stream().filter(s -> s[0] >= mid).findFirst().orElse(last);
            double seconds = Math.max(1e-9, (last[0] - half[0]) / 1e9);
            producerRate = (last[1] - half[1]) / seconds;
            consumerRate = (last[2] - half[2]) / seconds;
        }
        return new FlowReport(flow.ratePerSecond(), flow.consumerDelayMs(), flow.creditWindow(), maxUnprocessed,
                Math.round(producerRate), Math.round(consumerRate), maxProducerQueue, maxConsumerQueue, maxPaused,
                Math.max(0, heapFirst), heapMax);
    }
}
