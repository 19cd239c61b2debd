package io.handoff.coordinator.scenario;

import io.handoff.coordinator.report.Console;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One kill -9 of the run's own broker and its start again on the same data and port, as the broker-restart scenario
 * and the soak both cause it: when it died, how long it stayed away, when every partition flowed again, and what the
 * group had not committed when it died. The run's thread only.
 */
public final class BrokerBounce {

    /** The fault's name, which the broker-restart scenario and the soak's fault report under. */
    public static final String FAULT = "broker-restart";

    private final long pid;
    private final boolean draining;
    private final long atNanos;
    private final long atMs = System.currentTimeMillis();
    /** What the group may redo, measured before the kill. */
    private final RedoWindow atKill;
    private long downMs = -1;
    private long backAtMs;
    private Long recoveryMs;

    private BrokerBounce(long pid, boolean draining, long atNanos, RedoWindow atKill) {
        this.pid = pid;
        this.draining = draining;
        this.atNanos = atNanos;
        this.atKill = atKill;
    }

    /** Kills the broker now (it gets no chance to flush or hand anything over), having read what is uncommitted. */
    public static BrokerBounce kill(FaultScene scene, long nowNanos, boolean draining) throws InterruptedException {
        FaultScene.BrokerControl broker = scene.broker().orElseThrow(() -> new IllegalStateException(
                "only a broker the run started itself can be killed: not with --bootstrap"));
        BrokerBounce bounce = new BrokerBounce(broker.pid(), draining, nowNanos, RedoWindow.measure(scene));
        broker.kill();
        scene.tell(new BrokerKilled(bounce.pid, draining));
        return bounce;
    }

    /** Starts it again on the same data and port, and waits until it answers. */
    public void restart(FaultScene scene) throws InterruptedException {
        FaultScene.BrokerControl broker = scene.broker().orElseThrow();
        Duration startup = broker.restart();
        backAtMs = System.currentTimeMillis();
        downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - atNanos);
        scene.tell(new BrokerBack(broker.pid(), downMs, startup.toMillis()));
    }

    /**
     * Whether every partition has flowed since the restart; the first time it has, the recovery is recorded and
     * told. False while the broker is still away.
     */
    public boolean flowing(FaultScene scene, long nowNanos) {
        if (recoveryMs != null) {
            return true;
        }
        if (!back() || !scene.everyPartitionFlowingSince(backAtMs)) {
            return false;
        }
        recoveryMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - atNanos);
        scene.tell(new FlowingAgain(recoveryMs));
        return true;
    }

    public boolean dueForRestart(long nowNanos, Duration down) {
        return !back() && nowNanos - atNanos >= down.toNanos();
    }

    public boolean back() {
        return downMs >= 0;
    }

    public long pid() {
        return pid;
    }

    public boolean draining() {
        return draining;
    }

    public long atMs() {
        return atMs;
    }

    /** Milliseconds from the kill until it answered again; null while it is away. */
    public Long downMs() {
        return back() ? downMs : null;
    }

    /** Milliseconds from the kill until every partition flowed again; null until then. */
    public Long recoveryMs() {
        return recoveryMs;
    }

    /** Results on {@code results} past the group's commits when it died; -1 if the commits could not be read. */
    public long uncommittedAtKill() {
        return atKill.uncommitted();
    }

    /** What the consumers had reported read past their commits when it died. */
    public long reportedAtKill() {
        return atKill.inHand();
    }

    /**
     * What a partition's next owner may do again, for this kill: the results past the group's commits at the kill or
     * at {@code uncommittedAfter} (at recovery), whichever is more, plus what the consumers had read past their
     * commits at the kill (work in hand that its old owner may still finish) and what was processed in the second
     * before it (after their latest heartbeats). All of it measured in this run; -1 if the commits could not be read.
     */
    public long redoWindow(long uncommittedAfter) {
        return atKill.upTo(uncommittedAfter);
    }

    /** The report's line: how it was killed and how long it stayed away, and what was uncommitted at the kill. */
    public String detail(Duration down) {
        return "kill -9, restarted on the same data after " + down.toSeconds() + " s; "
                + (!atKill.known() ? "uncommitted results unknown" : Console.count(atKill.uncommitted())
                + " results past the group's commits at the kill");
    }

    /** What a bounce tells, under the heading "broker". */
    public sealed interface BounceEvent extends Event {
        @Override
        default String heading() {
            return "broker";
        }
    }

    /** A fault killed the run's broker with kill -9. */
    record BrokerKilled(long pid, boolean draining) implements BounceEvent {
        @Override
        public String text() {
            return "kill -9 the broker (pid " + pid + ") " + (draining ? "during the drain" : "mid-run")
                    + ": producers and consumers keep their processes and retry";
        }
    }

    /** The broker is back on its data and port, and answers. */
    record BrokerBack(long pid, long downMs, long startupMs) implements BounceEvent {
        @Override
        public String text() {
            return String.format(Locale.ROOT, "back as pid %d on the same data, %.1f s after the kill (start-up %.1f s)",
                    pid, downMs / 1000.0, startupMs / 1000.0);
        }
    }

    /** Every partition has a result finished after the broker came back. */
    record FlowingAgain(long millisAfterFault) implements BounceEvent {
        @Override
        public String text() {
            return String.format(Locale.ROOT, "every partition flowing again, %.1f s after the kill",
                    millisAfterFault / 1000.0);
        }
    }
}
