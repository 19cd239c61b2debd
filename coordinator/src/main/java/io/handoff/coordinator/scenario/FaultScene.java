package io.handoff.coordinator.scenario;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** What a {@link Fault} may act on and look at during a run. */
public interface FaultScene {

    /** The broker the run started itself, if it did: a fault may kill it and start it again on its data. */
    Optional<BrokerControl> broker();

    /** Tells the console and the live page what the fault did. */
    void tell(Event event);

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

    /** The current process of each service instance: a pid that stays the same is a process that carried on. */
    Map<String, Long> servicePids();

    /**
     * Writes {@code count} bad records into {@code items} now, spread over the partitions, as a misbehaving
     * producer would; each must come back on the dead-letter topic, and the report says what became of it.
     */
    void injectMalformed(int count) throws ExecutionException, InterruptedException;

    /**
     * Stops a consumer's process where it stands (SIGSTOP) or lets it go on (SIGCONT): a stall the process does
     * not know of, as a long GC pause or a frozen VM is. Returns its pid.
     */
    long freezeConsumer(String instance, boolean frozen) throws InterruptedException;

    /**
     * Kills a consumer at work (its current process has reported in and holds partitions), chosen at random, as
     * the plan's supervision kills one (kill -9, or a crash command) and restarts it (or not); the engine measures
     * the outage as it measures any consumer's death. False if none is at work now, or the outage of an earlier
     * one is still being measured: try again at a later tick.
     */
    boolean killConsumerAtWork() throws ExecutionException, InterruptedException;

    /** Whether a consumer's outage is still being measured: the partitions it held not yet flowing again. */
    boolean outageUnderWay();

    /** The consumers' group session: a member that says nothing for this long is out of the group. */
    long sessionTimeoutMs();

    /** The consumer instances of the run, each with its current process's pid. */
    Map<String, Long> consumerPids();

    /** The partitions a consumer last reported holding; empty if it has not reported from its current process. */
    java.util.List<Integer> heldBy(String instance);

    /** Kills a producer's process with kill -9, as one killed on purpose; returns its pid once it is dead. */
    long killProducer(String instance) throws ExecutionException, InterruptedException;

    /** Starts a killed producer again, continuing at {@code firstSeq} at the rate last set; returns the new pid. */
    long restartProducer(String instance, long firstSeq);

    /**
     * Tells every producer to send at most {@code perSecond} items a second (0 = as fast as they can); a
     * producer started again later starts at this rate.
     */
    void setProducerRate(int perSecond) throws ExecutionException, InterruptedException;

    /**
     * Kills a consumer's process with kill -9, as one killed on purpose, and starts a new process for it at
     * once, under the same instance id; returns the new pid.
     */
    long killAndRestartConsumer(String instance) throws ExecutionException, InterruptedException;

    /** The run's folder under {@code runs/}: each process's log, and the embedded broker's data. */
    java.nio.file.Path runDir();

    /** Bytes the coordinator's audit holds for the run's history: a bit per item, growing by design. */
    long historyBytes();

    /** The highest sequence number of {@code producer} read off {@code items} so far (the run must audit items). */
    java.util.OptionalLong highestSeqOnItems(String producer);

    /** Whether {@code items} has been read to its current end (-: not audited, or the broker does not answer). */
    boolean itemsReadToEnd();

    /** Numbers below {@code before} that {@code producer} made and never got onto {@code items}. */
    long neverAcknowledged(String producer, long before);

    /** Starts one more consumer, as the next instance; returns its name. */
    String joinConsumer();

    /**
     * Asks a consumer's process to stop (SIGTERM), as a platform scaling down does: it leaves the group. Returns
     * false if it had already ended by itself (a consumer that finished its drain).
     */
    boolean retireConsumer(String instance) throws InterruptedException;

    /**
     * What the consumers report, in their latest heartbeats (at most half a second old), as read past their
     * group's committed offsets: the work their partitions' next owners would do again if they moved now.
     */
    long reportedUncommitted();

    /**
     * Distinct items found on {@code results} in the second before now: work the consumers did after their latest
     * heartbeats, which {@link #reportedUncommitted} does not count yet and a rebalance now may have redone.
     */
    long processedInLastSecond();

    /** A broker that a fault may take away and bring back. */
    interface BrokerControl {

        long pid();

        /** Killed and not yet answering again. */
        boolean down();

        /** kill -9: the broker gets no chance to flush or to hand anything over. */
        void kill() throws InterruptedException;

        /** Starts it again on the same data and port; returns how long until it answered. */
        Duration restart() throws InterruptedException;

        /**
         * SIGSTOP (frozen) or SIGCONT: a broker that stalls without dying, as on a slow disk or in a long pause.
         * Its clients' requests wait; while it is frozen the run asks it nothing, as while it is down.
         */
        void freeze(boolean frozen) throws InterruptedException;
    }
}
