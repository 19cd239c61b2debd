package io.handoff.coordinator.scenarios.isolation;

import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;

/**
 * Kills consumers at work, one at a time, at random moments: the first {@code every} after the start, each next one
 * between half and one and a half times {@code every} after the outage before it was over. The engine measures
 * each outage as it measures any consumer's death (how long until the victim's partitions flow again, the
 * producers' rate meanwhile, the work redone) and judges them all in its isolation check; this fault says when,
 * and that every kill it was asked for happened.
 */
public final class IsolationFault implements Fault {

    private final int kills;
    private final Duration every;
    private final Random random;
    private int done;
    private long nextNanos = Long.MAX_VALUE;
    private boolean following;

    /**
     * @param kills how many consumers to kill, one after the other's outage (at least 1)
     * @param every the first kill this long after the start; later ones about as long after the outage before
     * @param seed  for the moments between kills
     */
    public IsolationFault(int kills, Duration every, long seed) {
        if (kills < 1 || every.isNegative()) {
            throw new IllegalArgumentException("kills must be at least 1 and every not negative: " + kills + ", "
                    + every);
        }
        this.kills = kills;
        this.every = every;
        this.random = new Random(seed);
    }

    @Override
    public void started(FaultScene scene, long nowNanos) {
        nextNanos = nowNanos + every.toNanos();
    }

    @Override
    public void tick(FaultScene scene, long nowNanos, boolean draining) throws ExecutionException,
            InterruptedException {
        if (following) {
            if (!scene.outageUnderWay()) {
                following = false;
                nextNanos = nowNanos + (long) (every.toNanos() * (0.5 + random.nextDouble()));
            }
            return;
        }
        // No consumer at work yet (all still starting), or another outage under way: the next tick tries again.
        if (done < kills && !draining && nowNanos >= nextNanos && scene.killConsumerAtWork()) {
            done++;
            following = true;
        }
    }

    /** The stop waits for every kill and the last outage: outages are measured while producers still produce. */
    @Override
    public boolean pending() {
        return done < kills || following;
    }

    /** A killed consumer's partitions are read again from the group's commits: its uncommitted work is redone. */
    @Override
    public boolean mayRepeatWork() {
        return true;
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        return List.of(new Check("consumers killed", done == kills, done == kills
                ? done + " of " + kills + " kill(s), each after the outage before it was over"
                : "only " + done + " of " + kills + " kill(s) happened before the run ended: a run that ends by its"
                        + " items may end first (--items 0 --stop-after waits for them)"));
    }
}
