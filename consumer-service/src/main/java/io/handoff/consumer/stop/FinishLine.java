package io.handoff.consumer.stop;

import io.handoff.consumer.sentinel.SentinelTracker;
import io.handoff.shared.runtime.Samplers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides when this consumer is done: every partition it holds is finished by sentinels; or the run is
 * stopping and it has held none for a while (a consumer beyond the partition count, or one whose partitions
 * moved away). "For a while", because a rebalance revokes everything before it assigns again: a consumer
 * must not take that moment for the end; and in touch with its group all that while, because with the broker
 * away (restarted during the drain) or a rebalance under way no assignment can come yet. Then the stop sequence
 * reports and exits.
 */
@ApplicationScoped
public class FinishLine {

    /** How long a consumer must hold nothing, during a stop, before it concludes nothing is coming. */
    static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Logger LOG = Logger.getLogger(FinishLine.class);

    private final SentinelTracker tracker;
    private final StopSequence stop;
    private final Samplers samplers;
    private final GroupContact group;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile long lastChangeNanos = System.nanoTime();

    @Inject
    public FinishLine(SentinelTracker tracker, StopSequence stop, Samplers samplers, GroupContact group) {
        this.tracker = tracker;
        this.group = group;
        this.stop = stop;
        this.samplers = samplers;
    }

    void onStart(@Observes StartupEvent event) {
        tracker.onChange(this::check);
        tracker.onAssignmentChange(() -> lastChangeNanos = System.nanoTime());
    }

    /** The run is stopping: producers are draining and will write their sentinels. */
    public void stopRequested() {
        if (stopRequested.compareAndSet(false, true)) {
            // Nothing may happen to a consumer that holds nothing, so look again on a timer.
            samplers.every(Duration.ofMillis(500), "finish line", this::check);
        }
        check();
    }

    private void check() {
        if (tracker.allHeldFinished()) {
            LOG.infof("every partition held %s is finished by sentinels", tracker.held());
            stop.start();
        } else if (stopRequested.get() && tracker.holdsNone()) {
            if (!group.inTouch()) {
                lastChangeNanos = System.nanoTime(); // the settle counts again once the group answers
            } else if (System.nanoTime() - lastChangeNanos >= SETTLE.toNanos()) {
                LOG.infof("stopping: no partition held for %d s, in touch with the group", SETTLE.toSeconds());
                stop.start();
            }
        }
    }
}
