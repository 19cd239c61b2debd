package io.handoff.bench;

import io.handoff.coordinator.report.Console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's figures as one plain-text table, for the terminal (ASCII only: "us" for microseconds). */
public final class BenchTable {

    private static final String ROW = "%-8s %-11s %10s %11s  %-25s %18s %9s %14s  %s";

    private BenchTable() {
    }

    public static List<String> render(BenchReport report) {
        List<String> lines = new ArrayList<>();
        Machine m = report.machine();
        lines.add(String.format(Locale.ROOT, "bench-kafka %s: %d cores (%s), JDK %s, Kafka %s", m.date(), m.nproc(),
                m.cpuModel(), m.jdk(), m.kafka()));
        BenchSettings s = report.settings();
        lines.add(String.format(Locale.ROOT, "broker %s; %d partitions; producers: %s; pipeline: %d producers, %d consumers;"
                + " %s records per phase", report.broker(), s.partitions(), report.producerSettings(), s.producers(),
                s.consumers(), Console.count(s.records())));
        lines.add("");
        lines.add(String.format(Locale.ROOT, ROW, "payload", "phase", "records/s", "consumer/s",
                "latency ms p50/p99/p99.9", "CPU us/item (run)", "vcsw/item", "broker us/item", "result"));
        for (PayloadResult payload : report.payloads()) {
            for (PhaseResult phase : payload.phases()) {
                lines.add(String.format(Locale.ROOT, ROW, payload.payloadBytes() + " B", phase.phase(),
                        Console.count(Math.round(phase.ratePerSec())),
                        phase.consumerPerSec() == null ? "-" : Console.count(Math.round(phase.consumerPerSec())),
                        latency(phase.latencyMs()), cpu(phase),
                        decimal(phase.cpu().switchesPer(phase.items()), 2),
                        decimal(phase.cpu().brokerMicrosPer(phase.items()), 1), result(phase)));
            }
            lines.add(ratios(payload));
        }
        lines.add("");
        lines.add("records/s: perf = ProducerPerformance, pipeline = items processed per second; consumer/s = "
                + "ConsumerPerformance's fetch rate. Latency: ack = perf send to acknowledgement, e2e = item created to "
                + "transfer finished (the whole run), steady = the same for items created from 5 s after the start. CPU and voluntary context switches (vcsw) per record or item, JVM start-up included:"
                + " perf = both tools, pipeline = coordinator + producers + consumers, (run) = only after its producers"
                + " were told to start; the broker apart.");
        return lines;
    }

    private static String ratios(PayloadResult payload) {
        PayloadResult.Ratios r = payload.ratios();
        return String.format(Locale.ROOT, "%-8s ratios: pipeline / perf producer %s (%s / %s records/s, mean of A1 and A2);"
                + " pipeline / perf consumer %s; CPU per item pipeline / perf tools %s (%s / %s us; pipeline after"
                + " its producers started: %s us)",
                payload.payloadBytes() + " B", decimal(r.pipelineOverPerfProducer(), 3), rate(r.pipelinePerSec()),
                rate(r.perfProducerPerSec()), decimal(r.pipelineOverPerfConsumer(), 3),
                r.cpuPipelineOverPerf() == null ? "-" : decimal(r.cpuPipelineOverPerf(), 1) + "x",
                decimal(r.pipelineMicrosPerItem(), 1), decimal(r.perfMicrosPerRecord(), 1),
                decimal(r.pipelineMicrosPerItemAfterStart(), 1));
    }

    /** The line printed as each phase ends. */
    static String summary(PhaseResult phase) {
        String rates = phase.fromPerfTools()
                ? "producer " + rate(phase.ratePerSec()) + " records/s, consumer " + rate(phase.consumerPerSec()) + " records/s"
                : rate(phase.ratePerSec()) + " items/s" + (phase.targetPerSec() == null ? "" : " (target " + rate(phase.targetPerSec()) + ")");
        return String.format(Locale.ROOT, "%s, %s ms; CPU %s us/item, broker %s us/item; %s", rates,
                latency(phase.latencyMs()), cpu(phase),
                decimal(phase.cpu().brokerMicrosPer(phase.items()), 1), phase.result());
    }

    /** CPU per item, and in parentheses the part after the pipeline's producers started. */
    static String cpu(PhaseResult phase) {
        double afterStart = phase.cpu().microsAfterStartPer(phase.items());
        return decimal(phase.cpu().microsPer(phase.items()), 1)
                + (Double.isNaN(afterStart) ? "" : " (" + decimal(afterStart, 1) + ")");
    }

    private static String result(PhaseResult phase) {
        return phase.targetPerSec() == null ? phase.result()
                : "target " + rate(phase.targetPerSec()) + "/s; " + phase.result();
    }

    static String latency(PhaseResult.Latency latency) {
        return latency == null ? "-" : latency.measure() + " " + Console.count(latency.p50()) + "/"
                + Console.count(latency.p99()) + "/" + (latency.p999() < 0 ? "-" : Console.count(latency.p999()));
    }

    static String rate(Double perSec) {
        return perSec == null ? "-" : Console.count(Math.round(perSec));
    }

    static String decimal(Double value, int places) {
        return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%,." + places + "f", value);
    }
}
