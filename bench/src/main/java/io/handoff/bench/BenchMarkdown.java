package io.handoff.bench;

import io.handoff.coordinator.report.Console;

import java.util.Locale;

/** The bench's figures as Markdown: the summary table per payload, the ratios, then every process's CPU. */
final class BenchMarkdown {

    private BenchMarkdown() {
    }

    static String render(BenchReport report) {
        StringBuilder md = new StringBuilder();
        Machine m = report.machine();
        BenchSettings s = report.settings();
        md.append("# bench-kafka: the pipeline against Kafka's perf tools\n\n");
        md.append(String.format(Locale.ROOT, "- date: %s%n- machine: %d cores, %s%n- JDK: %s%n- Kafka: %s%n", m.date(),
                m.nproc(), m.cpuModel(), m.jdk(), m.kafka()));
        md.append(String.format(Locale.ROOT, "- broker: %s, %d partitions per topic; producer settings (perf and pipeline):"
                + " `%s`%n- pipeline: %d producers, %d consumers; %s records per phase%s%n- verdict: %s%n%n",
                report.broker(), s.partitions(), report.producerSettings(), s.producers(), s.consumers(),
                Console.count(s.records()), s.sweep() ? "; sweep runs of " + s.sweepSeconds() + " s" : "",
                report.passed() ? "every phase ran and every pipeline run passed" : "NOT every phase succeeded (see result)"));
        for (PayloadResult payload : report.payloads()) {
            md.append("## ").append(payload.payloadBytes()).append(" B payload\n\n");
            md.append("| phase | records/s | consumer/s | latency ms p50 / p99 / p99.9 | CPU µs/item (run) | vcsw/item "
                    + "| broker µs/item | result |\n|---|--:|--:|---|--:|--:|--:|---|\n");
            for (PhaseResult phase : payload.phases()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", phase.phase(),
                        BenchTable.rate(phase.ratePerSec()), BenchTable.rate(phase.consumerPerSec()),
                        BenchTable.latency(phase.latencyMs()), BenchTable.cpu(phase),
                        BenchTable.decimal(phase.cpu().switchesPer(phase.items()), 2),
                        BenchTable.decimal(phase.cpu().brokerMicrosPer(phase.items()), 1),
                        (phase.targetPerSec() == null ? "" : "target " + BenchTable.rate(phase.targetPerSec()) + "/s; ")
                                + phase.result().replace("|", "\\|")));
            }
            PayloadResult.Ratios r = payload.ratios();
            md.append(String.format(Locale.ROOT, "%n- pipeline ÷ perf producer: **%s** (%s items/s ÷ %s records/s, mean of"
                    + " A1 and A2)%n- pipeline ÷ perf consumer: **%s** (÷ %s records/s)%n- CPU per item, pipeline ÷ perf"
                    + " tools: **%s** (%s µs ÷ %s µs, producer and consumer tool together; JVM start-up included in both)"
                    + "%n- pipeline CPU per item after its producers were told to start: %s µs%n%n",
                    BenchTable.decimal(r.pipelineOverPerfProducer(), 3), BenchTable.rate(r.pipelinePerSec()),
                    BenchTable.rate(r.perfProducerPerSec()), BenchTable.decimal(r.pipelineOverPerfConsumer(), 3),
                    BenchTable.rate(r.perfConsumerPerSec()), BenchTable.decimal(r.cpuPipelineOverPerf(), 1),
                    BenchTable.decimal(r.pipelineMicrosPerItem(), 1), BenchTable.decimal(r.perfMicrosPerRecord(), 1),
                    BenchTable.decimal(r.pipelineMicrosPerItemAfterStart(), 1)));
            md.append("### Every process\n\n| phase | process | pid | CPU s | after start s | CPU µs/item | voluntary switches"
                    + " | per item |\n|---|---|--:|--:|--:|--:|--:|--:|\n");
            for (PhaseResult phase : payload.phases()) {
                for (ProcessUsage process : phase.cpu().processes()) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %s | %s | %s | %s |%n", phase.phase(),
                            process.process(), process.pid(), process.cpuSeconds(),
                            BenchTable.decimal(process.cpuSecondsAfterMark(), 2),
                            BenchTable.decimal(perItem(process.cpuSeconds() * 1e6, phase.items()), 1),
                            Console.count(process.voluntarySwitches()),
                            BenchTable.decimal(perItem(process.voluntarySwitches(), phase.items()), 2)));
                }
                md.append(String.format(Locale.ROOT, "| %s | **measured total** (sampled %.2f s, reaped %.2f s) | | %.2f"
                        + " | %s | %s | %s | %s |%n", phase.phase(), phase.cpu().sampledSeconds(), phase.cpu().reapedSeconds(),
                        phase.cpu().cpuSeconds(), BenchTable.decimal(phase.cpu().afterStartSeconds(), 2),
                        BenchTable.decimal(phase.cpu().microsPer(phase.items()), 1),
                        Console.count(phase.cpu().voluntarySwitches()),
                        BenchTable.decimal(phase.cpu().switchesPer(phase.items()), 2)));
            }
            md.append('\n');
        }
        md.append("""
                How it is measured: each phase's processes are sampled every 200 ms (`/proc/PID/stat` utime + stime,
                voluntary switches summed over `/proc/PID/task/*/status`), keeping the last reading of each pid. The
                measured total is the larger of the sampled sum and the CPU this JVM's reaped children spent
                (`/proc/self/stat` cutime + cstime), which includes the last moments before each exit that sampling
                misses. JVM start-up is included for both the perf tools and the pipeline; "(run)" and "after start"
                count only what the pipeline's processes spent after its producers were told to start (sampled), which
                leaves out its five JVMs' start-up and group joins. The broker (when it is the
                bench's own) and the bench's own JVM are reported apart. Each pipeline item crosses Kafka twice
                (`items`, then `results`), so about 0.5 of the perf producer's rate is the ceiling of a verified run.
                """);
        return md.toString();
    }

    private static double perItem(double amount, long items) {
        return items <= 0 ? Double.NaN : amount / items;
    }
}
