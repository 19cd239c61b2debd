package io.handoff.coordinator.scenarios.rebalancestorm;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Every {@code every}, a consumer joins or the longest-serving one leaves (SIGTERM), in turn, from {@code after}
 * for {@code lasting}, whether the run is draining or not; two or three consumers are up, never fewer. Before each
 * move it measures what a rebalance may make the group redo: what the consumers report as read past their
 * commits, plus what they processed in the second before (read after their last heartbeat).
 */
final class StormFault implements Fault {

    private final Duration after;
    private final Duration every;
    private final Duration lasting;
    private long startedNanos;
    private long nextMoveNanos;
    private boolean joinNext = true;
    private int joins;
    private int leaves;
    private int movesInDrain;
    private long window;
    private long firstMoveAtMs;
    /** The consumers up, oldest first: the oldest leaves next. */
    private final Deque<String> up = new ArrayDeque<>();

    StormFault(Duration after, Duration every, Duration lasting) {
        this.after = after;
        this.every = every;
        this.lasting = lasting;
    }

    @Override
    public void started(FaultScene scene, long nowNanos) {
        startedNanos = nowNanos;
        nextMoveNanos = nowNanos + after.toNanos();
        up.addAll(scene.consumerPids().keySet());
    }

    @Override
    public void tick(FaultScene scene, long nowNanos, boolean draining) throws InterruptedException {
        if (nowNanos < nextMoveNanos || nowNanos - startedNanos > after.plus(lasting).toNanos()) {
            return;
        }
        if (firstMoveAtMs == 0) {
            firstMoveAtMs = System.currentTimeMillis();
        }
        window += Math.max(0, scene.reportedUncommitted()) + scene.processedInLastSecond();
        if (joinNext || up.size() < 3) {
            up.addLast(scene.joinConsumer());
            joins++;
        } else if (scene.retireConsumer(up.removeFirst())) {
            leaves++;
        }
        if (draining) {
            movesInDrain++;
        }
        joinNext = !joinNext;
        nextMoveNanos = nowNanos + every.toNanos();
    }

    /** Once the stop is out, the next move comes at once: the drain must meet the storm. */
    @Override
    public void stopSent(FaultScene scene, long nowNanos) {
        nextMoveNanos = Math.min(nextMoveNanos, nowNanos);
    }

    @Override
    public boolean mayRepeatWork() {
        return true;
    }

    @Override
    public List<RunReport.FaultReport> report() {
        return joins + leaves == 0 ? List.of() : List.of(new RunReport.FaultReport(RebalanceStorm.NAME,
                "the consumer group", -1, firstMoveAtMs, null, null, joins + " joined, " + leaves + " left, "
                        + movesInDrain + " of those moves during the drain"));
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        List<Check> checks = new ArrayList<>();
        int moves = joins + leaves;
        int expected = (int) (lasting.toNanos() / every.toNanos());
        boolean stormed = moves >= expected / 2 && joins > 0 && leaves > 0 && movesInDrain > 0;
        checks.add(new Check("the storm blew, through the drain", stormed, joins + " consumers joined and " + leaves
                + " left, a move every " + every.toSeconds() + " s (" + moves + " of " + expected + " planned), "
                + movesInDrain + " during the drain" + (movesInDrain == 0 ? ": none, the drain was not stormed" : "")));
        checks.add(new Check("duplicates within the uncommitted window", evidence.history().duplicated() <= window,
                Console.count(evidence.history().duplicated()) + " duplicates; window " + Console.count(window)
                        + " (before each move: what the consumers reported read past their commits, plus what they"
                        + " processed in the second before)"));
        return checks;
    }
}
