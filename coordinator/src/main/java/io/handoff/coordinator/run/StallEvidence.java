package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.JavaCommand;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.shared.message.ConsumerProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a stuck run leaves behind before it is given up: each live consumer's last heartbeat (work in hand, queued,
 * paused partitions, how long ago), and a thread dump of every service process of this machine, which SIGQUIT
 * makes each JVM print into its own log without stopping it. A stall that happens once in a hundred runs can then
 * be read afterwards instead of reproduced.
 */
final class StallEvidence {

    private final ServiceFleet fleet;
    private final StatusBoard board;
    private final RunEvents events;

    StallEvidence(ServiceFleet fleet, StatusBoard board, RunEvents events) {
        this.fleet = fleet;
        this.board = board;
        this.events = events;
    }

    /** Never throws: evidence only, the run's own judgement goes on. */
    void collect(Duration still) {
        try {
            events.tell(new RunEvent.NothingMoving(still.toSeconds(), lastSaid(), dumpThreads()));
        } catch (RuntimeException e) {
            events.tell(new RunEvent.NothingMoving(still.toSeconds(), List.of("no evidence: " + e.getMessage()), false));
        }
    }

    private List<String> lastSaid() {
        List<String> said = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (ServiceProcess consumer : fleet.liveConsumers()) {
            ConsumerProgress last = board.consumerProgress().get(consumer.name());
            said.add(last == null || last.pid() != consumer.pid()
                    ? consumer.name() + " pid " + consumer.pid() + ": no heartbeat yet"
                    : String.format(Locale.ROOT, "%s pid %d: %d in hand, %d queued, %d paused, heard %.1f s ago",
                            consumer.name(), consumer.pid(), last.outstanding(), last.queueDepth(),
                            last.pausedPartitions(), (now - last.atMs()) / 1e3));
        }
        return said;
    }

    /** Whether any service of this machine was asked for a thread dump. */
    private boolean dumpThreads() {
        boolean dumped = false;
        try {
            for (ServiceProcess process : Stream.concat(fleet.producers().stream(), fleet.consumers().stream()).toList()) {
                // Only a child of this machine can be signalled; an agent's process is on another host.
                // And only where SIGQUIT asks for a dump: -Xrs (options given for a measurement) leaves it fatal.
                if (process instanceof ChildProcess && process.isAlive() && !JavaCommand.SERVICE_JVM.contains("-Xrs")) {
                    dumped |= Signals.send(process.pid(), "QUIT");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dumped;
    }
}
