package io.handoff.consumer.sentinel;

import jakarta.enterprise.context.ApplicationScoped;

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
        private long outstanding;
        private boolean finished;
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
            partitions.forEach(assigned::remove);
        }
        assignmentListeners.forEach(Runnable::run);
        notifyListeners();
    }

    /** A record of the partition was taken; returns the state its completion must count down. */
    public synchronized PartitionState taken(int partition) {
        PartitionState state = assigned.computeIfAbsent(partition, p -> new PartitionState());
        state.outstanding++;
        return state;
    }

    /** A record taken earlier is finished (processed, skipped or dead-lettered). */
    public void done(PartitionState state) {
        boolean finishedNow;
        synchronized (this) {
            state.outstanding--;
            finishedNow = settle(state);
        }
        if (finishedNow) {
            notifyListeners();
        }
    }

    /** A sentinel of {@code producer} was read on the partition. */
    public void sentinel(int partition, String producer) {
        boolean finishedNow;
        synchronized (this) {
            PartitionState state = assigned.computeIfAbsent(partition, p -> new PartitionState());
            state.sentinels.add(producer);
            finishedNow = settle(state);
        }
        if (finishedNow) {
            notifyListeners();
        }
    }

    /** Marks the partition finished if it now is; true if it became finished with this call. */
    private boolean settle(PartitionState state) {
        if (!state.finished && producers != null && state.outstanding == 0 && state.sentinels.containsAll(producers)) {
            state.finished = true;
            return true;
        }
        return false;
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
