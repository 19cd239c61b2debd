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
    /** Where the run's own malformed records were written: these must all come back as dead letters. */
    private final Set<String> expected = new HashSet<>();
    private long count;
    private long withoutReason;
    private long notDeadLetters;

    /** The run wrote malformed records at these origins ({@link #origin}); each must be dead-lettered. */
    public synchronized void expect(Set<String> origins) {
        expected.addAll(origins);
    }

    /** topic/partition/offset, as dead letters name where they came from. */
    public static String origin(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    public synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.headers().lastHeader("dead-letter-topic") == null) {
            notDeadLetters++; // written straight onto the topic by someone else, not by a consumer
            return;
        }
        count++;
        origins.add(header(record, "dead-letter-topic") + "/" + header(record, "dead-letter-partition") + "/"
                + header(record, "dead-letter-offset"));
        Header reason = record.headers().lastHeader(REASON_HEADER);
        if (reason == null || reason.value() == null) {
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

    /** Of the run's own malformed records, those dead-lettered. */
    public synchronized long expectedSeen() {
        return expected.stream().filter(origins::contains).count();
    }

    /** Distinct records dead-lettered that the run did not write: bad input from outside, reported, not failed. */
    public synchronized long fromOutside() {
        return origins.stream().filter(o -> !expected.contains(o)).count();
    }

    /** Records on the dead-letter topic that no consumer wrote (no dead-letter headers): counted, ignored. */
    public synchronized long notDeadLetters() {
        return notDeadLetters;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Records that reached the dead-letter topic without saying why: should be none. */
    public synchronized long withoutReason() {
        return withoutReason;
    }

    public synchronized List<String> sampleReasons() {
        return List.copyOf(reasons);
    }

    /** Everything counted so far, at once. */
    public synchronized DeadLetterFigures figures() {
        return new DeadLetterFigures(count, distinct(), expectedSeen(), fromOutside(), notDeadLetters, withoutReason,
                List.copyOf(reasons));
    }
}
