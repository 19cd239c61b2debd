package io.handoff.coordinator.scenarios.backpressure;

import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.report.RunReport.FlowReport;
import io.handoff.coordinator.scenario.Fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The guarantee of a credit window, judged after the run: unprocessed items never beyond it, producers brought to
 * the consumers' pace, and producer memory flat (it holds a bounded queue, not a growing backlog). It does nothing
 * to the run: the slow consumers are the plan's, and the window the services'.
 */
public final class BackpressureCheck implements Fault {

    /** Once settled under a credit window, producer and consumer rates are within this share. */
    static final double RATES_CONVERGE = 0.2;
    /**
     * A producer's heap may grow this much over the run and still count as flat: its bounded queue and Kafka
     * buffer filling up. A backlog kept in memory would grow without limit (the slow-consumer runs leave
     * hundreds of thousands of items, tens of megabytes, behind).
     */
    static final long HEAP_GROWTH_ALLOWED = 32L * 1024 * 1024;

    @Override
    public List<Check> checks(Evidence evidence) {
        FlowReport flow = evidence.flow();
        List<String> problems = new ArrayList<>();
        if (flow.maxUnprocessed() > flow.creditWindow()) {
            problems.add("a producer had " + flow.maxUnprocessed() + " unprocessed items, over the window of "
                    + flow.creditWindow());
        }
        double gap = Math.abs(flow.producerRate() - flow.consumerRate()) / (double) Math.max(1, flow.consumerRate());
        if (gap > RATES_CONVERGE) {
            problems.add(String.format(Locale.ROOT, "producers at %d items/s, consumers at %d: %.0f%% apart",
                    flow.producerRate(), flow.consumerRate(), gap * 100));
        }
        long heapBound = flow.producerHeapFirst() + HEAP_GROWTH_ALLOWED;
        if (flow.producerHeapMax() > heapBound) {
            problems.add("producer heap grew from " + flow.producerHeapFirst() / 1024 / 1024 + " to "
                    + flow.producerHeapMax() / 1024 / 1024 + " MiB");
        }
        return List.of(new Check("backpressure", problems.isEmpty(), problems.isEmpty()
                ? String.format(Locale.ROOT, "at most %d unprocessed of a %d window; producers %d items/s, consumers"
                        + " %d items/s; producer heap %d to %d MiB; at most %d partitions paused",
                        flow.maxUnprocessed(), flow.creditWindow(), flow.producerRate(), flow.consumerRate(),
                        flow.producerHeapFirst() / 1024 / 1024, flow.producerHeapMax() / 1024 / 1024,
                        flow.maxPausedPartitions())
                : String.join("; ", problems)));
    }
}
