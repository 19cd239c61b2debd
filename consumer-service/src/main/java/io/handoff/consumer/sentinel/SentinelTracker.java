package io.handoff.consumer.sentinel;

import io.handoff.consumer.commit.PartitionCommits;
import io.handoff.consumer.commit.Segment;
import io.handoff.shared.json.Json;
import io.handoff.shared.message.Sentinel;
import io.handoff.shared.runtime.InstanceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which of this consumer's partitions are finished, and what each may commit. A partition is finished when
 * the sentinel of every producer of the run has been seen on it and every record before them is processed.
 *
 * <p>Sentinels stay unacknowledged (their segment is not committable) until their partition finishes, so the
 * committed offset passes a sentinel of this run only on a finished partition. Until then whoever reads the
 * partition next (after a rebalance or a crash) reads the sentinels again. After it, the committed offset is
 * past every record of the run, and the one record just below it, a sentinel of this run, is the proof: a
 * consumer that takes over such a partition re-reads that one record ({@link PartitionWatch}) and takes the
 * partition as finished, instead of processing again the items that followed the first sentinel. Two rules
 * keep that proof sound: a record that comes after every sentinel of its partition is never acknowledged
 * (another run's record, junk), so the record below the committed offset of a finished partition is always its
 * last sentinel; and each assignment of a partition has its own {@link PartitionCommits}, so the sentinels of a
 * revoked assignment can never count in the commits of a later one.
 *
 * <p>Records are admitted a partition's poll at a time on the dispatching thread, finished a segment at a time
 * on workers and Kafka's threads, committed on the polling thread, which also assigns and revokes: every method
 * is synchronized on the tracker, which guards all its state. Nothing here runs once per record under the lock
 * that a poll could share: one visit admits a whole partition's records.
 */
@ApplicationScoped
public class SentinelTracker {

    private static final Logger LOG = Logger.getLogger(SentinelTracker.class);

    /** A start position for an assignment whose position is unknown: its first record, wherever it is. */
    public static final long FIRST_THAT_COMES = -2;

    private final String runId;
    private final Map<Integer, PartitionState> assigned = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> assignmentListeners = new CopyOnWriteArrayList<>();
    /** The run's producers, from the start command; null until it arrives. */
    private Set<String> producers;
    /** Completed when the start command arrives: until then no record can be told to be the run's or not. */
    private final CompletableFuture<Void> producersKnown = new CompletableFuture<>();

    @Inject
    public SentinelTracker(InstanceConfig instance) {
        this(instance.runId());
    }

    public SentinelTracker(String runId) {
        this.runId = runId;
    }

    /** Where admitted records go: the dispatcher's per-worker runs. */
    public interface Intake {
        /**
         * A record to process; finishing it counts down {@code segment}. {@code rejectReason} is non-null for a
         * record already known to be malformed (a sentinel header on something that is not a sentinel).
         */
        void take(ConsumerRecord<String, byte[]> record, Segment<PartitionState> segment, String rejectReason);
    }

    /** One assignment of one partition. */
    public static final class PartitionState {
        final int partition;
        private final Set<String> sentinels = new HashSet<>();
        /** Segments holding this run's sentinels, released when the partition finishes. */
        private final List<Segment<PartitionState>> heldSentinels = new ArrayList<>();
        private final PartitionCommits commits = new PartitionCommits();
        private long outstanding;
        private boolean finished;
        private boolean revoked;
        /** The committed record re-read on assignment to learn whether the partition finished before; -1: none. */
        private long replayOffset = -1;
        /** The next offset this assignment takes; -1 until the position is known. */
        private long nextOffset = -1;
        /** Whether a record was taken at {@link #nextOffset} since the assignment (later polls may skip gaps). */
        private boolean started;
        /** Whether this assignment has dropped a poll as stale: said once, since a stuck one would say it each poll. */
        private boolean toldStale;

        PartitionState(int partition) {
            this.partition = partition;
        }
    }

    /** Called whenever a partition may have finished, or the assignment changed. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Called whenever partitions are assigned or revoked. */
    public void onAssignmentChange(Runnable listener) {
        assignmentListeners.add(listener);
    }

    public void expectProducers(Collection<String> runProducers) {
        synchronized (this) {
            producers = Set.copyOf(runProducers);
            assigned.values().forEach(this::settle);
        }
        producersKnown.complete(null);
        notifyListeners();
    }

    /**
     * Completes once the run's producers are known. Records are admitted only after it: whether a record
     * after a partition's sentinels belongs to the run depends on who the run's producers are.
     */
    public CompletionStage<Void> whenProducersKnown() {
        return producersKnown;
    }

    public void assigned(Collection<Integer> partitions) {
        synchronized (this) {
            partitions.forEach(p -> assigned.putIfAbsent(p, new PartitionState(p)));
        }
        assignmentListeners.forEach(Runnable::run);
        notifyListeners();
    }

    /**
     * Where the new assignment of {@code partition} starts reading: records before {@code position} are not
     * its own, and neither is a first poll that does not start there (a poll of the previous assignment that
     * was still on its way when the partition was revoked and given back). With {@code replay}, the record at
     * {@code position} is the last committed one, read again to learn whether the partition finished before.
     * {@link #FIRST_THAT_COMES}: the position is unknown, and the first record that comes starts the assignment.
     */
    public synchronized void startAt(int partition, long position, boolean replay) {
        PartitionState state = assigned.get(partition);
        if (state != null) {
            state.started = position == FIRST_THAT_COMES;
            state.nextOffset = position == FIRST_THAT_COMES ? 0 : position;
            state.replayOffset = replay && position >= 0 ? position : -1;
        }
    }

    /** The states given up; their in-flight work may still finish, and counts down only them. */
    public List<PartitionState> revoked(Collection<Integer> partitions) {
        List<PartitionState> gone = new ArrayList<>();
        synchronized (this) {
            for (Integer partition : partitions) {
                PartitionState state = assigned.remove(partition);
                if (state != null) {
                    state.revoked = true;
                    gone.add(state);
                }
            }
        }
        assignmentListeners.forEach(Runnable::run);
        notifyListeners();
        return gone;
    }

    /**
     * Admits one poll's records of one partition, in order, in one visit to the lock: each is the replayed
     * committed record, a sentinel, a record after the run's sentinels (never acknowledged), or an item for
     * {@code intake}. Records of a partition not held, or not of this assignment, are dropped: their owner
     * reads them from the committed offset.
     *
     * @return how many records were handed to {@code intake}
     */
    public int admit(int partition, List<ConsumerRecord<String, byte[]>> records, Intake intake) {
        int taken = 0;
        boolean finishedNow = false;
        long staleAt = -1;
        long expected = -1;
        synchronized (this) {
            PartitionState state = assigned.get(partition);
            if (state == null || state.nextOffset < 0) {
                return 0;
            }
            Segment<PartitionState> segment = new Segment<>(state);
            for (ConsumerRecord<String, byte[]> record : records) {
                long offset = record.offset();
                if (offset < state.nextOffset) {
                    continue; // taken before by this assignment
                }
                if (!state.started && offset != state.nextOffset) {
                    if (!state.toldStale) {
                        state.toldStale = true;
                        staleAt = offset;
                        expected = state.nextOffset;
                    }
                    break; // a stale poll of an earlier assignment
                }
                state.started = true;
                state.nextOffset = offset + 1;
                boolean sentinel = isSentinel(record);
                if (offset == state.replayOffset) {
                    if (sentinel && sentinelOfThisRun(record) != null && !state.finished) {
                        state.finished = true; // the committed offset passed it: an earlier owner finished
                        finishedNow = true;
                    }
                    continue;
                }
                if (sealed(state)) {
                    continue; // after every sentinel: not the run's, and never acknowledged
                }
                if (sentinel) {
                    String reason = sentinelInto(state, segment, record);
                    if (reason == null) {
                        continue;
                    }
                    segment.addItem(offset);
                    state.outstanding++;
                    intake.take(record, segment, reason);
                    taken++;
                    continue;
                }
                segment.addItem(offset);
                state.outstanding++;
                intake.take(record, segment, null);
                taken++;
            }
            state.commits.add(segment);
            finishedNow |= settle(state);
        }
        if (staleAt >= 0) {
            // Once per assignment: a partition that never starts would say it at every poll.
            LOG.warnf("items-%d: dropped a poll starting at %d as one of an earlier assignment (this one starts at %d)",
                    partition, staleAt, expected);
        }
        if (finishedNow) {
            notifyListeners();
        }
        return taken;
    }

    /** Notes a sentinel in {@code segment}; returns why it is malformed, or null when it is one. */
    private String sentinelInto(PartitionState state, Segment<PartitionState> segment, ConsumerRecord<String, byte[]> record) {
        Sentinel read;
        try {
            read = Json.read(record.value(), Sentinel.class);
        } catch (IOException e) {
            return "sentinel header on a record that is not a sentinel: " + e.getMessage();
        }
        if (!runId.equals(read.runId())) {
            segment.cover(record.offset()); // another run's: acknowledged with its segment
            return null;
        }
        state.sentinels.add(read.producerId());
        segment.holdSentinel(record.offset());
        if (state.heldSentinels.isEmpty() || state.heldSentinels.getLast() != segment) {
            state.heldSentinels.add(segment);
        }
        return null;
    }

    private String sentinelOfThisRun(ConsumerRecord<String, byte[]> record) {
        try {
            Sentinel read = Json.read(record.value(), Sentinel.class);
            return runId.equals(read.runId()) ? read.producerId() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isSentinel(ConsumerRecord<?, ?> record) {
        Header kind = record.headers().lastHeader(Sentinel.KIND_HEADER);
        // A header without a value (anyone can write one) is no sentinel: the record is judged as an item.
        return kind != null && kind.value() != null && Sentinel.KIND.equals(new String(kind.value(), StandardCharsets.UTF_8));
    }

    /** Finished, or every producer's sentinel seen: nothing after this belongs to the run. */
    private boolean sealed(PartitionState state) {
        return state.finished || (producers != null && state.sentinels.containsAll(producers));
    }

    /** Every item of {@code segment} is finished (processed, skipped or dead-lettered). */
    public void itemsDone(Segment<PartitionState> segment) {
        boolean finishedNow;
        synchronized (this) {
            PartitionState state = segment.owner();
            state.outstanding -= segment.items();
            finishedNow = settle(state);
            if (state.revoked && state.outstanding == 0) {
                notifyAll(); // a revocation may be waiting for this
            }
        }
        if (finishedNow) {
            notifyListeners();
        }
    }

    /**
     * Marks the partition finished if it now is, releasing its held sentinels into its commits; true if it
     * became finished with this call. A revoked assignment's commits are never read again, so releasing there
     * cannot move any commit.
     */
    private boolean settle(PartitionState state) {
        if (!state.finished && producers != null && state.outstanding == 0 && state.sentinels.containsAll(producers)) {
            state.finished = true;
            state.heldSentinels.forEach(Segment::releaseSentinels);
            state.heldSentinels.clear();
            return true;
        }
        return false;
    }

    /** The offsets to commit now for the partitions held, where their watermark moved. */
    public synchronized Map<Integer, Long> watermarks() {
        return watermarksOf(assigned.values());
    }

    /** The same for assignments just revoked: what they finished, committed as they go. */
    public synchronized Map<Integer, Long> watermarksOf(Collection<PartitionState> states) {
        Map<Integer, Long> due = new HashMap<>();
        for (PartitionState state : states) {
            state.commits.advance().ifPresent(offset -> due.put(state.partition, offset));
        }
        return due;
    }

    /** Waits (at most {@code timeoutMs}) until no item of these revoked assignments is in hand. */
    public synchronized boolean awaitDrained(Collection<PartitionState> states, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (states.stream().anyMatch(s -> s.outstanding > 0)) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Whether this consumer holds at least one partition and has finished every one it holds. */
    public synchronized boolean allHeldFinished() {
        return !assigned.isEmpty() && assigned.values().stream().allMatch(state -> state.finished);
    }

    public synchronized boolean holdsNone() {
        return assigned.isEmpty();
    }

    public synchronized List<Integer> held() {
        return assigned.keySet().stream().sorted().toList();
    }

    public synchronized List<Integer> finished() {
        return assigned.entrySet().stream().filter(e -> e.getValue().finished).map(Map.Entry::getKey).sorted()
                .toList();
    }

    private void notifyListeners() {
        listeners.forEach(Runnable::run);
    }
}
