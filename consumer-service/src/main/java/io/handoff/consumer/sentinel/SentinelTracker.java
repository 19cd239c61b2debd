package io.handoff.consumer.sentinel;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which of this consumer's partitions are finished. A partition is finished when the sentinel of every
 * producer of the run has been seen on it and every record before them is processed.
 *
 * <p>Sentinels are acknowledged only when their partition finishes, so the committed offset passes a sentinel
 * of this run only on a finished partition. Until then whoever reads the partition next (after a rebalance or a
 * crash) reads the sentinels again. After it, the committed offset is past every record of the run, and the one
 * record just below it, a sentinel of this run, is the proof: a consumer that takes over such a partition
 * re-reads that one record ({@link PartitionWatch}) and takes the partition as finished, instead of
 * processing again the items that followed the first sentinel. Two rules keep that proof sound: a record that
 * comes after every sentinel of its partition is never acknowledged (another run's record, junk), so the record
 * below the committed offset of a finished partition is always its last sentinel; and a partition state that
 * was revoked never releases its sentinels, so they cannot count in the commit of a later assignment.
 *
 * <p>Records are taken on the channel's thread, finished on workers and Kafka's threads, partitions come and
 * go on the polling thread: every method is synchronized on the tracker, which guards all its state. A
 * partition that is revoked and assigned again starts over with a new {@link PartitionState}; records taken
 * before count down the old one, so they can never disturb the new.
 */
@ApplicationScoped
public class SentinelTracker {

    private final Map<Integer, PartitionState> assigned = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> assignmentListeners = new CopyOnWriteArrayList<>();
    /** The run's producers, from the start command; null until it arrives. */
    private Set<String> producers;

    /** One assignment of one partition. */
    public static final class PartitionState {
        private final Set<String> sentinels = new HashSet<>();
        /** Acknowledgements of the sentinels seen, held back until the partition finishes. */
        private final List<Runnable> heldAcks = new ArrayList<>();
        private long outstanding;
        private boolean finished;
        /** The committed record re-read on assignment to learn whether the partition finished before; -1: none. */
        private long replayOffset = -1;
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
        List<Runnable> acks = new ArrayList<>();
        synchronized (this) {
            producers = Set.copyOf(runProducers);
            assigned.values().forEach(state -> settle(state, acks));
        }
        acks.forEach(Runnable::run);
        notifyListeners();
    }

    public void assigned(Collection<Integer> partitions) {
        synchronized (this) {
            partitions.forEach(p -> assigned.putIfAbsent(p, new PartitionState()));
        }
        assignmentListeners.forEach(Runnable::run);
        notifyListeners();
    }

    public void revoked(Collection<Integer> partitions) {
        synchronized (this) {
            for (Integer partition : partitions) {
                PartitionState state = assigned.remove(partition);
                if (state != null) {
                    // Its in-flight records may still finish it: its sentinels must not count in a later
                    // assignment's commits.
                    state.heldAcks.clear();
                }
            }
        }
        assignmentListeners.forEach(Runnable::run);
        notifyListeners();
    }

    /** What a record's place in its partition makes of it; only a taken one has a state to count down. */
    public record Admission(Kind kind, PartitionState state) {

        public enum Kind {
            /** The last committed record, re-read on assignment: handled before, never processed again. */
            REPLAYED,
            /** A sentinel: see {@link #sentinel}. */
            SENTINEL,
            /**
             * After every sentinel of the run (or on a partition finished under an earlier owner): no item of
             * this run, and never to be acknowledged (see the class comment).
             */
            AFTER_SENTINELS,
            /** To be processed; its completion counts down {@link #state()}. */
            TAKEN
        }

        private static final Admission REPLAYED = new Admission(Kind.REPLAYED, null);
        private static final Admission SENTINEL = new Admission(Kind.SENTINEL, null);
        private static final Admission AFTER_SENTINELS = new Admission(Kind.AFTER_SENTINELS, null);
    }

    /** Decides what the record at {@code offset} is, in one visit to the lock (this runs for every record). */
    public synchronized Admission admit(int partition, long offset, boolean sentinel) {
        PartitionState state = assigned.computeIfAbsent(partition, p -> new PartitionState());
        if (offset == state.replayOffset) {
            return Admission.REPLAYED;
        }
        if (sentinel) {
            return Admission.SENTINEL;
        }
        if (state.finished || (producers != null && state.sentinels.containsAll(producers))) {
            return Admission.AFTER_SENTINELS;
        }
        state.outstanding++;
        return new Admission(Admission.Kind.TAKEN, state);
    }

    /** A record taken earlier is finished (processed, skipped or dead-lettered). */
    public void done(PartitionState state) {
        List<Runnable> acks = new ArrayList<>();
        boolean finishedNow;
        synchronized (this) {
            state.outstanding--;
            finishedNow = settle(state, acks);
        }
        finishing(finishedNow, acks);
    }

    /**
     * A sentinel of {@code producer} was read on the partition; {@code ack} acknowledges it, and runs only once
     * the partition is finished.
     */
    public void sentinel(int partition, String producer, Runnable ack) {
        List<Runnable> acks = new ArrayList<>();
        boolean finishedNow;
        synchronized (this) {
            PartitionState state = assigned.computeIfAbsent(partition, p -> new PartitionState());
            state.sentinels.add(producer);
            state.heldAcks.add(ack);
            finishedNow = settle(state, acks);
        }
        finishing(finishedNow, acks);
    }

    /**
     * The partition was just assigned with records already committed: the record at {@code offset}, the last
     * committed one, is read again to learn whether the partition finished under an earlier owner.
     */
    public synchronized void replayFrom(int partition, long offset) {
        assigned.computeIfAbsent(partition, p -> new PartitionState()).replayOffset = offset;
    }

    /**
     * The record re-read is a sentinel of this run: the committed offset passed it, which happens only once a
     * partition is finished, so an earlier owner finished it.
     */
    public void finishedEarlier(int partition) {
        boolean finishedNow;
        synchronized (this) {
            PartitionState state = assigned.get(partition);
            finishedNow = state != null && !state.finished;
            if (finishedNow) {
                state.finished = true;
            }
        }
        finishing(finishedNow, List.of());
    }

    /**
     * Marks the partition finished if it now is; true if it became finished with this call, and then the held
     * sentinel acknowledgements are moved to {@code acks}, to run outside the lock.
     */
    private boolean settle(PartitionState state, List<Runnable> acks) {
        if (!state.finished && producers != null && state.outstanding == 0 && state.sentinels.containsAll(producers)) {
            state.finished = true;
            acks.addAll(state.heldAcks);
            state.heldAcks.clear();
            return true;
        }
        return false;
    }

    /** Outside the lock: acknowledge what the finish released, then tell the listeners. */
    private void finishing(boolean finishedNow, List<Runnable> acks) {
        acks.forEach(Runnable::run);
        if (finishedNow) {
            notifyListeners();
        }
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
