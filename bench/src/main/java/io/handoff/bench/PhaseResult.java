package io.handoff.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One phase of the bench as measured: Kafka's perf tools (A1, A2), the pipeline at full speed (B), or the
 * pipeline at a fixed rate (sweep).
 *
 * @param items         records the perf tools moved, or items the pipeline processed
 * @param ratePerSec    perf: ProducerPerformance's records/s; pipeline: the report's itemsPerSec
 * @param consumerPerSec perf: ConsumerPerformance's fetch rate (records/s); absent for the pipeline
 * @param targetPerSec  sweep: the total rate asked of the producers
 * @param latencyMs     perf: send to acknowledgement (ProducerPerformance); pipeline: end to end
 * @param ok            the phase ran to the end and, for the pipeline, passed its audit
 * @param result        what happened, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhaseResult(String phase, String kind, long items, double ratePerSec, Double consumerPerSec,
        Double targetPerSec, Latency latencyMs, PhaseCpu cpu, boolean ok, String result,
        PerfOutput.ProducerSummary perfProducer, PerfOutput.ConsumerSummary perfConsumer,
        PipelineRun.Figures pipeline) {

    public static final String PERF = "perf";
    public static final String PIPELINE = "pipeline";

    /**
     * Latency percentiles in milliseconds.
     *
     * @param measure {@code ack} (send to acknowledgement) or {@code e2e} (item created to transfer finished)
     */
    public record Latency(String measure, long p50, long p99, long p999, long max) {
    }

    public boolean fromPerfTools() {
        return PERF.equals(kind);
    }
}
