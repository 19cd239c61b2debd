package io.handoff.coordinator.audit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Counts what reached the dead-letter topic during the run and keeps a few of the reasons, to show the
 * user why records were refused. Synchronized: the tail writes, the coordinator reads.
 */
public final class DeadLetterCount {

    static final String REASON_HEADER = "dead-letter-reason";
    private static final int REASONS_KEPT = 5;

    private final List<String> reasons = new ArrayList<>();
    /**
     * Where each dead letter came from, as topic/partition/offset, with the first reason given for it: a record
     * dead-lettered twice counts once.
     */
    private final Map<String, String> origins = new HashMap<>();
    /** Where the run's own malformed records were written, and their kinds: each must come back as a dead letter. */
    private final Map<String, MalformedInjector.BadRecord> expected = new LinkedHashMap<>();
    private long count;
    private long withoutReason;
    private long notDeadLetters;

    /** The run wrote malformed records at these origins ({@link #origin}); each must be dead-lettered. */
    public synchronized void expect(Map<String, MalformedInjector.BadRecord> written) {
        expected.putAll(written);
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
        String origin = header(record, "dead-letter-topic") + "/" + header(record, "dead-letter-partition") + "/"
                + header(record, "dead-letter-offset");
        Header reason = record.headers().lastHeader(REASON_HEADER);
        if (reason == null || reason.value() == null) {
            origins.putIfAbsent(origin, "");
            withoutReason++;
            return;
        }
        String text = new String(reason.value(), StandardCharsets.UTF_8);
        origins.putIfAbsent(origin, text);
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
        return expected.keySet().stream().filter(origins::containsKey).count();
    }

    /** Distinct records dead-lettered that the run did not write: bad input from outside, reported, not failed. */
    public synchronized long fromOutside() {
        return origins.keySet().stream().filter(o -> !expected.containsKey(o)).count();
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
        List<DeadLetterFigures.Fate> fates = expected.entrySet().stream().limit(FATES_KEPT)
                .map(e -> new DeadLetterFigures.Fate(e.getKey(), e.getValue().label(), origins.containsKey(e.getKey()),
                        origins.get(e.getKey())))
                .toList();
        return new DeadLetterFigures(count, distinct(), expected.size(), expectedSeen(), fromOutside(), notDeadLetters,
                withoutReason, List.copyOf(reasons), fates);
    }

    /** The run's own bad records whose fates the report lists, in the order they were written. */
    static final int FATES_KEPT = 100;
}
