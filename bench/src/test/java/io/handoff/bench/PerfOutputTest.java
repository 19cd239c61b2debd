package io.handoff.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The perf tools' summaries, read from lines Kafka 4.2.1's tools printed on this project's machine. */
class PerfOutputTest {

    @Test
    void readsProducerPerformancesFinalLineAndSkipsItsProgressLines() {
        List<String> lines = List.of(
                "199841 records sent, 39936.3 records/sec (39.00 MB/sec), 20.8 ms avg latency, 413.0 ms max latency.",
                "300000 records sent, 39819.485001 records/sec (38.89 MB/sec), 15.21 ms avg latency, 413.00 ms max "
                        + "latency, 4 ms 50th, 75 ms 95th, 106 ms 99th, 145 ms 99.9th.");

        PerfOutput.ProducerSummary summary = PerfOutput.producer(lines).orElseThrow();

        assertThat(summary.records()).isEqualTo(300_000);
        assertThat(summary.recordsPerSec()).isEqualTo(39_819.485001);
        assertThat(summary.mbPerSec()).isEqualTo(38.89);
        assertThat(summary.avgLatencyMs()).isEqualTo(15.21);
        assertThat(summary.maxLatencyMs()).isEqualTo(413.0);
        assertThat(List.of(summary.p50Ms(), summary.p95Ms(), summary.p99Ms(), summary.p999Ms()))
                .containsExactly(4L, 75L, 106L, 145L);
    }

    @Test
    void findsNoProducerSummaryWhenTheToolStoppedBeforeTheEnd() {
        List<String> lines = List.of(
                "199841 records sent, 39936.3 records/sec (39.00 MB/sec), 20.8 ms avg latency, 413.0 ms max latency.",
                "kafka-producer-perf-test:  error:  --record-size  should  be  greater  than");

        assertThat(PerfOutput.producer(lines)).isEmpty();
    }

    @Test
    void readsConsumerPerformancesRowByItsHeadersNames() {
        List<String> lines = List.of(
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
                        + "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "2026-12-01 09:31:16:291, 2026-12-01 09:31:18:111, 28.6102, 15.7199, 300000, 164835.1648, 748, 1072, "
                        + "26.6886, 279850.7463");

        PerfOutput.ConsumerSummary summary = PerfOutput.consumer(lines).orElseThrow();

        assertThat(summary.records()).isEqualTo(300_000);
        assertThat(summary.recordsPerSec()).isEqualTo(164_835.1648);
        assertThat(summary.mbPerSec()).isEqualTo(15.7199);
        assertThat(summary.rebalanceMs()).isEqualTo(748);
        assertThat(summary.fetchMs()).isEqualTo(1072);
        assertThat(summary.fetchRecordsPerSec()).isEqualTo(279_850.7463);
    }

    @Test
    void readsTheConsumerRowPastAWarningAndALogLineAndReportsTheShortfall() {
        List<String> lines = List.of(
                "[main] INFO org.apache.kafka.common.utils.AppInfoParser - Kafka version: 4.2.1",
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
                        + "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "WARNING: Exiting before consuming the expected number of records: timeout (2000 ms) exceeded. You can "
                        + "use the --timeout option to increase the timeout.",
                "2026-12-01 09:31:35:639, 2026-12-01 09:31:38:150, 28.6102, 11.3940, 300000, 119474.3130, 229, 2282, "
                        + "12.5373, 131463.6284");

        PerfOutput.ConsumerSummary summary = PerfOutput.consumer(lines).orElseThrow();

        assertThat(summary.records()).as("asked for 400,000: the bench compares this with what it asked")
                .isEqualTo(300_000);
        assertThat(summary.fetchRecordsPerSec()).isEqualTo(131_463.6284);
    }

    @Test
    void findsNoConsumerSummaryWithoutItsHeader() {
        assertThat(PerfOutput.consumer(List.of("Exception in thread \"main\" org.apache.kafka.common.KafkaException")))
                .isEmpty();
    }
}
