package io.handoff.coordinator.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What a {@link Fault} may act on and look at during a run. */
public interface FaultScene {

    /** The broker the run started itself, if it did: a fault may kill it and start it again on its data. */
    Optional<BrokerControl> broker();

    /** Tells the console and the live page what the fault did. */
    void tell(RunEvent event);

    /** Items of the run on {@code items} so far (-1 while the broker does not answer). */
    long itemsWritten();

    /** Distinct items of the run found on {@code results} so far. */
    long processed();

    /** Whether every partition of the run has a result finished after {@code atMs} (wall clock): all flowing. */
    boolean everyPartitionFlowingSince(long atMs);

    /**
     * Results already on {@code results} at or past the group's committed offsets, by any consumer process:
     * the work a partition's next owner would do again. -1 when the broker does not answer.
     */
    long uncommitted();

    /** The most the consumers may hold taken and unfinished, all together: work in hand, never committed. */
    long inHand();

    /** The current process of each service instance: a pid that stays the same is a process that carried on. */
    Map<String, Long> servicePids();

    /** A broker that a fault may take away and bring back. */
    interface BrokerControl {

        long pid();

        /** kill -9: the broker gets no chance to flush or to hand anything over. */
        void kill() throws InterruptedException;

        /** Starts it again on the same data and port; returns how long until it answered. */
        Duration restart() throws InterruptedException;
    }
}
