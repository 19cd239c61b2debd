package io.handoff.coordinator.scenarios.consumerpause;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;
import io.handoff.coordinator.scenario.ServicePids;
import io.handoff.shared.message.ConsumerDone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Freezes a consumer that holds partitions (SIGSTOP) for some of its group sessions, then thaws it (SIGCONT).
 * Follows the group: moved on while it was frozen (every partition with results since its session ran out),
 * and back (it holds partitions again, and every partition flows). Stays frozen until the group has moved on,
 * or for at most half a minute.
 */
final class FreezeFault implements Fault {

    private static final Duration LONGEST_FREEZE = Duration.ofSeconds(30);

    /** Where the freeze stands. */
    enum Phase { WAITING, FROZEN, THAWED, DONE, NO_VICTIM }

    private final Duration after;
    private final int sessions;
    private Phase phase = Phase.WAITING;
    private long startedNanos;
    private String victim;
    private long pid;
    private long frozenAtNanos;
    private long frozenAtMs;
    private long thawedAtNanos;
    private long thawedAtMs;
    private long sessionMs;
    private long uncommittedAtFreeze = -1;
    /**
     * What the consumers reported read past their commits, at the freeze and at the thaw, and what was processed
     * in the second before each (after their latest heartbeats): the work each of the two rebalances may repeat.
     */
    private long reportedAtFreeze = -1;
    private long reportedAtThaw = -1;
    private long lastSecondAtFreeze;
    private long lastSecondAtThaw;
    private Long movedOnMs;
    private Long backMs;
    private Map<String, Long> pidsBefore = Map.of();
    private Map<String, Long> pidsAfter = Map.of();

    FreezeFault(Duration after, int sessions) {
        this.after = after;
        this.sessions = sessions;
    }

    @Override
    public void started(FaultScene scene, long nowNanos) {
        startedNanos = nowNanos;
    }

    @Override
    public void tick(FaultScene scene, long nowNanos, boolean draining) throws InterruptedException {
        switch (phase) {
            case WAITING -> {
                if (!draining && nowNanos - startedNanos >= after.toNanos()) {
                    freeze(scene, nowNanos);
                }
            }
            case FROZEN -> {
                long frozenFor = nowNanos - frozenAtNanos;
                if (movedOnMs == null && scene.everyPartitionFlowingSince(frozenAtMs + sessionMs)) {
                    movedOnMs = TimeUnit.NANOSECONDS.toMillis(frozenFor);
                    scene.tell(new FreezeEvent.MovedOn("every partition flowing without " + victim, movedOnMs));
                }
                boolean longEnough = frozenFor >= sessions * sessionMs * 1_000_000L && movedOnMs != null;
                if (longEnough || frozenFor >= LONGEST_FREEZE.toNanos()) {
                    reportedAtThaw = scene.reportedUncommitted();
                    lastSecondAtThaw = scene.processedInLastSecond();
                    scene.freezeConsumer(victim, false);
                    thawedAtNanos = nowNanos;
                    thawedAtMs = System.currentTimeMillis();
                    scene.tell(new FreezeEvent.Frozen(victim, pid, false, sessionMs));
                    phase = Phase.THAWED;
                }
            }
            case THAWED -> {
                if (!scene.heldBy(victim).isEmpty() && scene.everyPartitionFlowingSince(thawedAtMs)) {
                    backMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - frozenAtNanos);
                    pidsAfter = scene.servicePids();
                    scene.tell(new FreezeEvent.MovedOn(victim + " holds partitions again, every partition flowing",
                            backMs));
                    phase = Phase.DONE;
                }
            }
            default -> {
            }
        }
    }

    private void freeze(FaultScene scene, long nowNanos) throws InterruptedException {
        // The first consumer at work: deterministic, so that a run can be repeated.
        victim = scene.consumerPids().keySet().stream().filter(c -> !scene.heldBy(c).isEmpty()).findFirst()
                .orElse(null);
        if (victim == null) {
            return; // none has reported partitions yet: the next tick asks again
        }
        sessionMs = scene.sessionTimeoutMs();
        pidsBefore = scene.servicePids();
        uncommittedAtFreeze = scene.uncommitted();
        reportedAtFreeze = scene.reportedUncommitted();
        lastSecondAtFreeze = scene.processedInLastSecond();
        pid = scene.freezeConsumer(victim, true);
        frozenAtNanos = nowNanos;
        frozenAtMs = System.currentTimeMillis();
        scene.tell(new FreezeEvent.Frozen(victim, pid, true, sessionMs));
        phase = Phase.FROZEN;
    }

    /** The stop waits until the frozen consumer is back at work. */
    @Override
    public boolean pending() {
        return phase == Phase.WAITING || phase == Phase.FROZEN || phase == Phase.THAWED;
    }

    @Override
    public boolean mayRepeatWork() {
        return true;
    }

    @Override
    public List<RunReport.FaultReport> report() {
        if (victim == null) {
            return List.of();
        }
        return List.of(new RunReport.FaultReport(ConsumerPause.NAME, victim + " pid " + pid, pid, frozenAtMs,
                movedOnMs, backMs, "SIGSTOP for " + Console.count(TimeUnit.NANOSECONDS.toMillis(
                        (thawedAtNanos == 0 ? frozenAtNanos : thawedAtNanos) - frozenAtNanos))
                        + " ms against a session of " + Console.count(sessionMs) + " ms, then SIGCONT; downMs: until "
                        + "every partition flowed without it; recoveryMs: until it held partitions again"));
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        if (victim == null) {
            return List.of(new Check("group moved on without the stalled consumer", false,
                    "no consumer held partitions to freeze"));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("group moved on without the stalled consumer", movedOnMs != null, movedOnMs == null
                ? "not every partition flowed while " + victim + " was frozen"
                : "every partition flowing " + Console.count(movedOnMs) + " ms after SIGSTOP (session "
                        + Console.count(sessionMs) + " ms)"));
        ConsumerDone done = evidence.consumersDone().get(victim);
        boolean fenced = done != null && done.repeatRisks() > 0;
        checks.add(new Check("stalled consumer fenced and back", fenced && backMs != null, !fenced
                ? victim + (done == null ? " never reported done" : " reports no commit refused, no partition lost"
                        + " or handed over with work in hand: it was not fenced")
                : backMs == null ? victim + " did not hold partitions again"
                : victim + " was fenced when it returned (" + done.repeatRisks() + " commit(s) refused or partitions"
                        + " lost)"
                        + ", rejoined, and every partition flowed " + Console.count(backMs) + " ms after the freeze"));
        checks.add(ServicePids.carriedOn(pidsBefore, pidsAfter, "before the freeze and after"));
        // The group moving on redoes the results past its commits and what the frozen consumer had read past them
        // (it finishes that work when thawed); its return moves partitions again, with what their holders had read.
        long window = Math.max(0, uncommittedAtFreeze) + Math.max(0, reportedAtFreeze) + lastSecondAtFreeze
                + Math.max(0, reportedAtThaw) + lastSecondAtThaw;
        checks.add(new Check("duplicates within the uncommitted window",
                uncommittedAtFreeze >= 0 && evidence.history().duplicated() <= window,
                Console.count(evidence.history().duplicated()) + " duplicates; window " + Console.count(window)
                        + " (results past the group's commits at the freeze, " + Console.count(uncommittedAtFreeze)
                        + "; what the consumers reported read past their commits at the freeze, "
                        + Console.count(reportedAtFreeze) + ", and at the thaw, " + Console.count(reportedAtThaw)
                        + "; and what was processed in the second before each, " + Console.count(lastSecondAtFreeze)
                        + " and " + Console.count(lastSecondAtThaw) + ")"));
        return checks;
    }
}
