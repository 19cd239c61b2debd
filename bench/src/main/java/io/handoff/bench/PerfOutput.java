package io.handoff.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the summaries that Kafka's ProducerPerformance and ConsumerPerformance print (Kafka 4.2's formats). */
public final class PerfOutput {

    /**
     * ProducerPerformance's final line; its latencies are send to acknowledgement, not end to end.
     *
     * @param recordsPerSec records acknowledged per second, first send to last acknowledgement
     */
    public record ProducerSummary(long records, double recordsPerSec, double mbPerSec, double avgLatencyMs,
            double maxLatencyMs, long p50Ms, long p95Ms, long p99Ms, long p999Ms) {
    }

    /**
     * ConsumerPerformance's summary row.
     *
     * @param recordsPerSec      over its whole run, group join included
     * @param fetchRecordsPerSec over the time it fetched, after joining its group: the figure to compare
     */
    public record ConsumerSummary(long records, double recordsPerSec, double mbPerSec, long rebalanceMs,
            long fetchMs, double fetchRecordsPerSec) {
    }

    /**
     * "300000 records sent, 177200.236267 records/sec (16.90 MB/sec), 378.33 ms avg latency, 658.00 ms max
     * latency, 343 ms 50th, 509 ms 95th, 528 ms 99th, 538 ms 99.9th." The progress lines printed every five
     * seconds have no percentiles, so they do not match.
     */
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
            + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, "
            + "(\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th\\.");
    private static final String CONSUMER_RECORDS = "data.consumed.in.nMsg";

    private PerfOutput() {
    }

    public static Optional<ProducerSummary> producer(List<String> lines) {
        for (String line : lines) {
            Matcher m = PRODUCER_SUMMARY.matcher(line);
            if (m.find()) {
                return Optional.of(new ProducerSummary(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                        Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Long.parseLong(m.group(8)),
                        Long.parseLong(m.group(9))));
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the header ("start.time, end.time, data.consumed.in.MB, ...") and reads the first row after it with
     * as many fields, by the header's names: a WARNING line or a log line may come between them.
     */
    public static Optional<ConsumerSummary> consumer(List<String> lines) {
        String[] header = null;
        for (String line : lines) {
            String[] fields = line.trim().split(",\\s*");
            if (header == null) {
                if (line.contains(CONSUMER_RECORDS)) {
                    header = fields;
                }
                continue;
            }
            if (fields.length != header.length) {
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < fields.length; i++) {
                row.put(header[i], fields[i]);
            }
            try {
                return Optional.of(new ConsumerSummary(Long.parseLong(row.get(CONSUMER_RECORDS)),
                        Double.parseDouble(row.get("nMsg.sec")), Double.parseDouble(row.get("MB.sec")),
                        Long.parseLong(row.get("rebalance.time.ms")), Long.parseLong(row.get("fetch.time.ms")),
                        Double.parseDouble(row.get("fetch.nMsg.sec"))));
            } catch (NumberFormatException | NullPointerException notTheRow) {
                // a line that merely has as many commas; keep looking
            }
        }
        return Optional.empty();
    }
}
