package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.ProducerDone;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The run's service processes, ending: a producer that dies before reporting done aborts the run; a consumer
 * that dies is an outage to measure; every consumer gone with work left aborts it.
 */
final class ProcessWatch {

    private final ServiceFleet fleet;
    private final StatusBoard board;
    private final OutageWatch outages;
    private final Set<ServiceProcess> deathsSeen = new HashSet<>();

    ProcessWatch(ServiceFleet fleet, StatusBoard board, OutageWatch outages) {
        this.fleet = fleet;
        this.board = board;
        this.outages = outages;
    }

    void checkProducers(Map<String, ProducerDone> done) throws RunAbortedException {
        for (ServiceProcess producer : fleet.producers()) {
            if (!producer.isAlive() && !fleet.wasKilled(producer) && (producer.exitCode().orElse(0) != 0 || !done.containsKey(producer.name()))) {
                throw new RunAbortedException(producer.name() + " (pid " + producer.pid() + ") exited with code "
                        + producer.exitCode().orElse(-1) + " before reporting done; see " + producer.logLocation() + ": "
                        + producer.failureHint());
            }
        }
    }

    /** Notes consumers that died without finishing; aborts only when none is left to carry on. */
    void checkConsumers(long now, long written) throws RunAbortedException, InterruptedException, ExecutionException {
        Map<String, ConsumerDone> done = board.consumersDone();
        for (ServiceProcess consumer : fleet.consumers()) {
            if (!consumer.isAlive() && !finishedNormally(consumer, done) && deathsSeen.add(consumer)
                    && !fleet.wasKilled(consumer)) {
                outages.died(consumer, now, written);
            }
        }
        if (fleet.liveConsumers().isEmpty() && !consumersFinished()) {
            throw new RunAbortedException("every consumer process is gone and not every partition is finished;"
                    + " restart them with --restart-killed, or run more consumers");
        }
    }

    private static boolean finishedNormally(ServiceProcess consumer, Map<String, ConsumerDone> done) {
        return done.containsKey(consumer.name()) && consumer.exitCode().orElse(-1) == 0;
    }

    /** Every consumer's current process has reported done and exited, or died and was not replaced. */
    boolean consumersFinished() {
        Map<String, ConsumerDone> done = board.consumersDone();
        return fleet.consumers().stream().noneMatch(ServiceProcess::isAlive)
                && fleet.consumers().stream().anyMatch(c -> finishedNormally(c, done));
    }
}
