package io.handoff.coordinator.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * What the live page shows and what its buttons ask for. The run's own thread publishes a snapshot on every
 * tick and takes the actions the buttons queued; HTTP threads read the latest snapshot and queue actions.
 * So the run never waits on a page, and a page never touches the run's state.
 */
@ApplicationScoped
public class LiveFeed {

    /** What a button on the page asks the run to do. */
    public enum Action {
        /** Send stop: producers write sentinels, consumers drain to them. */
        STOP,
        /** Kill a consumer that is at work, as the isolation drill does; it is restarted. */
        KILL_CONSUMER,
        /** Consumers spend 20 ms more on each item: backpressure builds. */
        SLOW_CONSUMERS,
        /** Consumers back to full speed. */
        NORMAL_SPEED
    }

    private static final int EVENTS_KEPT = 12;
    /** Snapshots kept for a page opened mid-run: four minutes at two a second. */
    private static final int HISTORY_KEPT = 480;

    private volatile LiveSnapshot latest = LiveSnapshot.idle();
    private volatile String scenario = "run";
    /** Actions asked for and not yet carried out: the run takes them twice a second, so a few are plenty. */
    public static final int ACTIONS_QUEUED = 16;
    private final BlockingQueue<Action> requested = new ArrayBlockingQueue<>(ACTIONS_QUEUED);
    /** The newest events, for the page's log; guarded by this feed. */
    private final Deque<String> events = new ArrayDeque<>();
    /** The run's snapshots so far, oldest first; guarded by this feed. */
    private final Deque<LiveSnapshot> history = new ArrayDeque<>();

    /** The feed of this application, or one nobody reads where there is no CDI container (unit tests). */
    public static LiveFeed current() {
        try {
            return CDI.current().select(LiveFeed.class).get();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return new LiveFeed();
        }
    }

    public LiveSnapshot latest() {
        return latest;
    }

    public void publish(LiveSnapshot snapshot) {
        latest = snapshot;
        synchronized (this) {
            history.addLast(snapshot);
            while (history.size() > HISTORY_KEPT) {
                history.removeFirst();
            }
        }
    }

    /** The current run's snapshots so far, oldest first: what a page opened mid-run draws first. */
    public synchronized List<LiveSnapshot> history() {
        return new ArrayList<>(history);
    }

    /** The run is judged: the page shows the verdict until the next run starts. */
    public void finished(boolean passed, String verdict) {
        LiveSnapshot last = latest;
        latest = new LiveSnapshot(last.runId(), last.scenario(), RunPhase.FINISHED, (passed ? "PASSED: " : "FAILED: ") + verdict,
                last.elapsedSec(), last.written(), last.processed(), 0, 0, last.lag(), 0, 0, 0, 0, last.creditWindow(),
                last.processes(), events(), last.concurrency());
    }

    /** What the page calls the runs that follow, such as a demo scenario's name. */
    public void scenario(String name) {
        this.scenario = name;
    }

    public String scenario() {
        return scenario;
    }

    /** A line for the page's event log, such as a kill or a recovery; the newest few are kept. */
    public synchronized void event(String line) {
        events.addLast(line);
        while (events.size() > EVENTS_KEPT) {
            events.removeFirst();
        }
    }

    public synchronized List<String> events() {
        return new ArrayList<>(events);
    }

    /** Called by the page: queued for the run's thread; false, and nothing queued, when the queue is full. */
    public boolean request(Action action) {
        return requested.offer(action);
    }

    /** Called by the run's thread on each tick. */
    public Optional<Action> nextRequest() {
        return Optional.ofNullable(requested.poll());
    }

    /** A new run starts: actions meant for the previous one are dropped, and so is its log. */
    public synchronized void reset() {
        requested.clear();
        events.clear();
        history.clear();
    }
}
