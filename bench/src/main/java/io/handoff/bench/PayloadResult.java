package io.handoff.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Every phase run for one payload size, and how the pipeline compares with Kafka's tools on it. */
public record PayloadResult(int payloadBytes, List<PhaseResult> phases, Ratios ratios) {

    /**
     * The comparison, in one run on one broker so that drift cancels. Null where a phase gave no figure.
     *
     * @param perfProducerPerSec   mean of ProducerPerformance's rate in A1 and A2
     * @param perfConsumerPerSec   mean of ConsumerPerformance's fetch rate in A1 and A2
     * @param pipelinePerSec       the full-speed run's items/s (B)
     * @param perfMicrosPerRecord  CPU of both tools per record, mean of A1 and A2
     * @param pipelineMicrosPerItem CPU of the coordinator and services per item (B)
     * @param pipelineMicrosPerItemAfterStart the same, counting only what they spent after the producers were
     *                              told to start (no JVM start-up, no group joins)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ratios(Double perfProducerPerSec, Double perfConsumerPerSec, Double pipelinePerSec,
            Double pipelineOverPerfProducer, Double pipelineOverPerfConsumer, Double perfMicrosPerRecord,
            Double pipelineMicrosPerItem, Double pipelineMicrosPerItemAfterStart, Double cpuPipelineOverPerf) {

        static Ratios of(List<PhaseResult> phases) {
            List<PhaseResult> perf = phases.stream().filter(p -> p.fromPerfTools() && p.ok()).toList();
            PhaseResult full = phases.stream().filter(p -> p.phase().equals(BenchKafka.FULL_SPEED)).findFirst()
                    .filter(p -> p.pipeline() != null).orElse(null);
            Double producer = perf.isEmpty() ? null : perf.stream().mapToDouble(PhaseResult::ratePerSec).average().orElseThrow();
            Double consumer = perf.isEmpty() ? null
                    : perf.stream().mapToDouble(PhaseResult::consumerPerSec).average().orElseThrow();
            Double perfCpu = perf.isEmpty() ? null
                    : perf.stream().mapToDouble(p -> p.cpu().microsPer(p.items())).average().orElseThrow();
            Double pipeline = full == null ? null : full.ratePerSec();
            Double pipelineCpu = full == null || full.items() == 0 ? null : full.cpu().microsPer(full.items());
            Double afterStart = full == null || full.cpu().afterStartSeconds() == null || full.items() == 0 ? null
                    : full.cpu().microsAfterStartPer(full.items());
            return new Ratios(producer, consumer, pipeline, divide(pipeline, producer), divide(pipeline, consumer),
                    perfCpu, pipelineCpu, afterStart, divide(pipelineCpu, perfCpu));
        }

        private static Double divide(Double a, Double b) {
            return a == null || b == null || b == 0 ? null : a / b;
        }
    }
}
