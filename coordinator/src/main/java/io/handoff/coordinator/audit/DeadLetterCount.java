package io.handoff.coordinator.audit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Counts what reached the dead-letter topic during the run and keeps a few of the reasons, to show the
 * user why records were refused. Synchronized: the tail writes, the coordinator reads.
 */
public final class DeadLetterCount {

    static final String REASON_HEADER = "dead-letter-reason";
    private static final int REASONS_KEPT = 5;

    private final List<String> reasons = new ArrayList<>();
    /** Where each dead letter came from, as topic/partition/offset: a record dead-lettered twice counts once. */
    private final Set<String> origins = new HashSet<>();
    private long count;
    private long withoutReason;

    public synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
        count++;
        origins.add(header(record, "dead-letter-topic") + "/" + header(record, "dead-letter-partition") + "/"
                + header(record, "dead-letter-offset"));
        Header reason = record.headers().lastHeader(REASON_HEADER);
        if (reason == null) {
            withoutReason++;
            return;
        }
        String text = new String(reason.value(), StandardCharsets.UTF_8);
        if (reasons.size() < REASONS_KEPT && !reasons.contains(text)) {
            reasons.add(text);
        }
    }

    /** Dead-letter records, a record dead-lettered twice (work repeated after a rebalance) counting twice. */
    public synchronized long count() {
        return count;
    }

    /** Distinct records dead-lettered, by where they came from. */
    public synchronized long distinct() {
        return origins.size();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Records that reached the dead-letter topic without saying why: should be none. */
    public synchronized long withoutReason() {
        return withoutReason;
    }

    public synchronized List<String> sampleReasons() {
        return List.copyOf(reasons);
    }
}
