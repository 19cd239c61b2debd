package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.kafka.StartOffsets;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.coordinator.report.RunReport.Outage;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.ConsumerProgress;
import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one class that kills a consumer (SIGKILL, or a crash command for deployments where the coordinator cannot
 * signal), and the measure of every outage: those a fault asks for, the live page's button, and any death the
 * user causes with {@code kill -9} or a crash. For each: how long until every partition the victim held makes
 * progress again, how fast producers kept sending meanwhile, and the work redone. Which consumers to kill and
 * when is a fault's business (the isolation scenario's); a killed or dead consumer is started again when the
 * plan's supervision says so. Driven by {@link RunWatch}'s ticks, on the coordinator's thread.
 */
final class OutageWatch {

    /** The producers' rate during an outage is measured over at least this long from the kill. */
    private static final long RATE_WINDOW_NANOS = Duration.ofSeconds(3).toNanos();
    /**
     * The producers' rate before an outage is measured over this long: items reach Kafka in bursts when a
     * restarting JVM has held the two cores for a while, and over three seconds one burst moved the "before"
     * figure by 10% (measured: 878 items/s from producers paced at 800).
     */
    private static final long BEFORE_WINDOW_NANOS = 2 * RATE_WINDOW_NANOS;

    private final RunPlan.Supervision supervision;
    private final ServiceFleet fleet;
    private final StatusBoard board;
    private final ResultAudit audit;
    private final Admin admin;
    private final String runId;
    private final RunEvents events;
    private final Random random;
    /**
     * All producers' pace together (0 when unpaced): the most the "before" rate may count. After an outage a
     * paced producer writes the slots it fell behind on; a kill soon after measured that catch-up (1,145 items/s
     * from producers paced at 800) as the rate to keep, and the next outage fell short of it.
     */
    private final double pacedRate;
    private final List<Outage> outages = new ArrayList<>();
    /** (nanos, items written) samples, newest last, for producer rates around an outage. */
    private final Deque<long[]> written = new ArrayDeque<>();
    /** What was processed in the second before the latest tick. */
    private long lastSecond;
    private Recovery recovering;

    /** An outage being measured. */
    private static final class Recovery {
        final String victim;
        final long pid;
        final String cause;
        final long atNanos;
        final long atMs = System.currentTimeMillis();
        final long writtenAtKill;
        final double rateBefore;
        final long othersInHand;
        final Map<Integer, Long> committedAtLoss;
        final List<Integer> partitions;
        Long restartedPid;
        /** When its partitions were seen flowing again; 0 until then. */
        long recoveredNanos;

        Recovery(ServiceProcess victim, String cause, long atNanos, long writtenAtKill, double rateBefore,
                long othersInHand, Map<Integer, Long> committedAtLoss, List<Integer> partitions) {
            this.victim = victim.name();
            this.pid = victim.pid();
            this.othersInHand = othersInHand;
            this.committedAtLoss = committedAtLoss;
            this.partitions = partitions;
            this.cause = cause;
            this.atNanos = atNanos;
            this.writtenAtKill = writtenAtKill;
            this.rateBefore = rateBefore;
        }
    }

    OutageWatch(RunPlan.Supervision supervision, double pacedRate, ServiceFleet fleet, StatusBoard board,
            ResultAudit audit, Admin admin, String runId, RunEvents events) {
        this.supervision = supervision;
        this.pacedRate = pacedRate;
        this.fleet = fleet;
        this.board = board;
        this.audit = audit;
        this.admin = admin;
        this.runId = runId;
        this.events = events;
        this.random = new Random(runId.hashCode());
    }

    /** One step: record the producers' progress (and what was processed in the second before), follow a recovery. */
    void tick(long now, long itemsWritten, long processedInLastSecond, boolean draining)
            throws ExecutionException, InterruptedException {
        lastSecond = processedInLastSecond;
        written.addLast(new long[] {now, itemsWritten});
        while (written.size() > 2 && written.peekFirst()[0] < now - 2 * BEFORE_WINDOW_NANOS) {
            written.removeFirst();
        }
        if (recovering != null) {
            follow(now, itemsWritten, draining);
        }
    }

    /** Whether an outage is being measured: the run should not stop producing before it is over. */
    boolean following() {
        return recovering != null;
    }

    /**
     * Kills a consumer at work, chosen at random, and measures the outage; the victim is started again if the
     * plan's supervision says so, or {@code restart}. Ignored while an outage is still being followed. Returns
     * whether a consumer was killed.
     */
    boolean killOne(long now, boolean restart) throws ExecutionException, InterruptedException {
        if (recovering != null) {
            return false;
        }
        // Only a consumer at work: its current process has reported in and holds partitions. Killing one
        // still starting would measure its start-up, not the group's recovery.
        List<ServiceProcess> live = fleet.liveConsumers().stream().filter(c -> {
            ConsumerProgress progress = board.consumerProgress().get(c.name());
            return progress != null && progress.pid() == c.pid() && !progress.assigned().isEmpty();
        }).toList();
        if (live.isEmpty()) {
            return false;
        }
        ServiceProcess victim = live.get(random.nextInt(live.size()));
        String how = kill(victim);
        outage(victim, how + " by the coordinator", now, written.isEmpty() ? 0 : written.peekLast()[1],
                restart || supervision.restartKilled());
        return true;
    }

    /**
     * Kills {@code instance}'s current process and starts a new one for it at once, without measuring the outage:
     * for a fault that follows its own recovery (the soak's). Returns the new process.
     */
    ServiceProcess killAndRestart(ServiceProcess victim) throws ExecutionException, InterruptedException {
        kill(victim);
        return restart(victim);
    }

    /** kill -9 (or the crash command), until it has exited. */
    private String kill(ServiceProcess victim) throws ExecutionException, InterruptedException {
        String how = fleet.kill(victim);
        events.tell(new RunEvent.Killed(how, victim.name(), victim.pid()));
        victim.awaitExit(Duration.ofSeconds(15));
        if (victim.isAlive()) {
            victim.kill(); // a crash command not obeyed in time: SIGKILL, here or by the victim's agent
            victim.awaitExit(Duration.ofSeconds(5));
        }
        return how;
    }

    private ServiceProcess restart(ServiceProcess victim) {
        ServiceProcess fresh = fleet.restartConsumer(victim.name());
        events.tell(new RunEvent.Restarted(fresh.name(), fresh.pid()));
        return fresh;
    }

    /** A consumer died without a kill: a crash, or a user's {@code kill -9}. Measured like a kill. */
    void died(ServiceProcess victim, long now, long itemsWritten) throws InterruptedException, ExecutionException {
        events.tell(new RunEvent.Died(victim.name(), victim.pid(), victim.exitCode().orElse(-1)));
        if (recovering == null) {
            outage(victim, "died (exit " + victim.exitCode().orElse(-1) + ")", now, itemsWritten,
                    supervision.restartKilled());
        }
    }

    private void outage(ServiceProcess victim, String cause, long now, long itemsWritten, boolean restart)
            throws InterruptedException, ExecutionException {
        victim.awaitExit(Duration.ofSeconds(15)); // one that died by itself has exited, or is about to
        // Dead now, the victim commits nothing more: what the group has committed is where its partitions'
        // next owner starts.
        Map<Integer, Long> committed = StartOffsets.committed(admin, RunIds.consumerGroup(runId), Topics.ITEMS);
        ConsumerProgress last = board.consumerProgress().get(victim.name());
        List<Integer> held = last != null && last.pid() == victim.pid() ? last.assigned() : List.of();
        recovering = new Recovery(victim, cause, now, itemsWritten, rateBefore(now, itemsWritten),
                othersInHand(victim) + lastSecond, committed, held);
        if (restart) {
            recovering.restartedPid = restart(victim).pid();
        }
    }

    /**
     * An outage is over when every partition the victim held has a result finished after its death: its
     * partitions are with someone again (a restarted process, or the others after a rebalance), and flowing.
     * The producers' rate "during" is measured over at least {@link #RATE_WINDOW_NANOS} from the kill, even
     * when recovery is quicker: over a second or less, the half-second ticks and the producers' batching
     * would make the figure noise.
     */
    private void follow(long now, long itemsWritten, boolean draining) {
        Recovery r = recovering;
        if (r.recoveredNanos == 0 && !draining) {
            if (!audit.progressedSince(r.partitions, r.atMs)) {
                return;
            }
            r.recoveredNanos = now;
            events.tell(new RunEvent.Recovered(TimeUnit.NANOSECONDS.toMillis(now - r.atNanos), r.victim, r.partitions));
        }
        if (!draining && now - r.atNanos < RATE_WINDOW_NANOS) {
            return;
        }
        Long recoveryMs = r.recoveredNanos == 0 ? null : TimeUnit.NANOSECONDS.toMillis(r.recoveredNanos - r.atNanos);
        double during = (itemsWritten - r.writtenAtKill) * 1e9 / Math.max(1, now - r.atNanos);
        outages.add(new Outage(r.victim, r.pid, r.cause, r.atMs, r.restartedPid, recoveryMs,
                round(r.rateBefore), round(during), audit.redoWindow(r.pid, r.committedAtLoss), r.othersInHand));
        if (!draining) {
            events.tell(new RunEvent.ProducersThroughOutage(during, (now - r.atNanos) / 1e9, r.rateBefore));
        }
        recovering = null;
    }

    /** What the other consumers at work reported read past their commits, in their latest heartbeats. */
    private long othersInHand(ServiceProcess victim) {
        long sum = 0;
        for (ServiceProcess other : fleet.liveConsumers()) {
            ConsumerProgress progress = board.consumerProgress().get(other.name());
            if (other != victim && progress != null && progress.pid() == other.pid()) {
                sum += Math.max(0, progress.uncommitted());
            }
        }
        return sum;
    }

    private double rateBefore(long now, long itemsWritten) {
        for (long[] sample : written) {
            if (sample[0] >= now - BEFORE_WINDOW_NANOS && sample[0] < now) {
                double measured = (itemsWritten - sample[1]) * 1e9 / Math.max(1, now - sample[0]);
                return pacedRate > 0 ? Math.min(measured, pacedRate) : measured;
            }
        }
        return 0;
    }

    private static double round(double rate) {
        return Math.round(rate * 10) / 10.0;
    }

    List<Outage> outages() {
        return List.copyOf(outages);
    }
}
