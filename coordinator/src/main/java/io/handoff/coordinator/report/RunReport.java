package io.handoff.coordinator.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.handoff.coordinator.audit.LatencySummary;
import io.handoff.shared.message.ConsumerStats;

import java.util.List;
import java.util.Map;

/**
 * The JSON report of one run ({@code --report FILE}). {@code passed} is true only when every check held,
 * and the command's exit code says the same.
 *
 * @param produced       items Kafka acknowledged, summed over the producers
 * @param consumedUnique distinct items of the run found on {@code results}
 * @param lost           items produced but never found on {@code results}
 * @param duplicates     results for items already seen
 * @param durationMs     wall-clock time of the whole run, broker start to verdict
 * @param processingMs   first item created to last item finished
 * @param itemsPerSec    {@code consumedUnique} over {@code processingMs}
 * @param e2eLatencyMs   creation to finished transfer, per item
 * @param steadyLatencyMs the same for the items created from five seconds after the start (after the warm-up)
 * @param drainMs        stop sent to last consumer exited
 * @param drain          the same, with what was in flight at the stop and the bound it implies
 * @param endedBy        how the run ended: {@code sentinels} when every partition was finished by them
 * @param scenario       the scenario it ran, or {@code run} for a run of plain settings
 * @param faults         what a scenario's fault did (a broker killed and restarted, a process paused), in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(String runId, String scenario, boolean passed, String verdict, History history, long produced,
        long consumedUnique, long lost,
        long duplicates, long unexpected, long durationMs, long processingMs, double itemsPerSec,
        LatencySummary e2eLatencyMs, LatencySummary steadyLatencyMs, long drainMs, Drain drain, EndedBy endedBy, Malformed malformed, Settings settings,
        ProcessReport broker, List<ProducerReport> producers, List<ConsumerReport> consumers, FlowReport flow,
        List<Outage> outages, List<Join> joins, List<FaultReport> faults, Rejected rejected, List<Check> checks, String logs) {

    /** How a run ended. In JSON, the lower-case name. */
    public enum EndedBy {
        /** Every partition finished by the producers' sentinels: everything before them processed. */
        SENTINELS,
        /** Some partition never was. */
        INCOMPLETE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /**
     * Backpressure as measured: the most each bounded thing held, and the rates once settled.
     *
     * @param maxUnprocessed   most items any producer had sent and not seen processed (bounded by the window)
     * @param producerRate     items written per second over the second half of production
     * @param consumerRate     items processed per second over the same span
     * @param producerHeapFirst live heap of a producer when it began sending, in bytes
     * @param producerHeapMax  the most live heap any producer reported
     */
    public record FlowReport(int ratePerSecond, int consumerDelayMs, long creditWindow, long maxUnprocessed,
            long producerRate, long consumerRate, int maxProducerQueue, int maxConsumerQueue, int maxPausedPartitions,
            long producerHeapFirst, long producerHeapMax) {
    }

    /**
     * A consumer started mid-run on an agent that came up after the run began (scaling): when, and the run's
     * processing rate in the seconds before it and once the group had rebalanced (items/s).
     */
    public record Join(String consumer, long pid, long atMs, double processedRateBefore, double processedRateAfter) {
    }

    /**
     * One fault a scenario caused, and how the run came through it.
     *
     * @param kind       what was done, e.g. {@code broker-restart}
     * @param target     what it was done to, e.g. {@code broker pid 1234 (mid-run)}
     * @param pid        the process it was done to
     * @param atMs       when (epoch milliseconds)
     * @param downMs     how long the target was gone, once it was back
     * @param recoveryMs fault to: results flowing again (null if they never did before the end)
     * @param detail     one line of what was seen
     */
    public record FaultReport(String kind, String target, long pid, long atMs, Long downMs, Long recoveryMs, String detail) {
    }

    /**
     * One consumer lost mid-run, and how the run came through it.
     *
     * @param cause              who or what ended it
     * @param restartedPid       the process started in its place, if any
     * @param recoveryMs         loss to: every partition held again and results flowing (null if the run was
     *                           already draining)
     * @param producerRateBefore items written per second in the seconds before
     * @param producerRateDuring items written per second until recovery
     * @param uncommitted        records the victim had finished at or past its group's committed offsets when it
     *                           died: the work its partitions' next owner does again
     * @param othersInHand       what the other consumers had reported read past their commits when it died, plus
     *                           what was processed in the second before (after their latest heartbeats): what the
     *                           rebalances that follow may repeat as partitions move among them
     */
    public record Outage(String victim, long pid, String cause, long atMs, Long restartedPid, Long recoveryMs,
            double producerRateBefore, double producerRateDuring, long uncommitted, long othersInHand) {
    }

    /** How the run was set up. */
    public record Settings(int producers, int consumers, long items, int partitions, int payloadBytes, int workers,
            int generators, int accounts, int hotAccounts, String lockMode, String threads, String work,
            Long stopAfterMs, String bootstrap, boolean embeddedBroker, List<String> topicNotes) {
    }

    /**
     * The run's history in the words of Jepsen's checkers: items Kafka acknowledged to the producers, and of
     * those, applied once (ok) or not at all (lost); results repeated (duplicated), results for items no producer
     * sent (unexpected), and items applied after a later item of their key (out of order).
     *
     * @param unacknowledged items a producer made and lost with its process before Kafka acknowledged them (a
     *                       producer killed mid-run): never the pipeline's to deliver, counted apart from lost
     */
    public record History(long acknowledged, long ok, long lost, long duplicated, long unexpected, long outOfOrder,
            long unacknowledged) {

        /** One line, as the console prints it. */
        public String line() {
            return "acknowledged " + Console.count(acknowledged) + ", ok " + Console.count(ok) + ", lost "
                    + Console.count(lost) + ", duplicated " + Console.count(duplicated) + ", unexpected "
                    + Console.count(unexpected) + ", out of order " + Console.count(outOfOrder)
                    + (unacknowledged == 0 ? "" : "; never acknowledged " + Console.count(unacknowledged));
        }
    }

    /**
     * Records that were not the run's, read and set aside (anyone can write to Handoff's topics): none of them
     * stops a reader or fails the run; here is how many each reader met.
     *
     * @param results             records on results that were not results this run's consumers could write
     * @param resultsOfOtherRuns  valid results of other runs, skipped
     * @param status              records on status that were not status events
     * @param deadLettersOfOthers distinct dead letters of items the run did not write
     * @param notDeadLetters      records on the dead-letter topic that no consumer wrote
     */
    public record Rejected(long results, long resultsOfOtherRuns, long status, long deadLettersOfOthers,
            long notDeadLetters, long control) {
    }

    /**
     * Bad records on {@code items}, and what became of them.
     *
     * @param deadLettered      distinct records on the dead-letter topic, by origin offset
     * @param deadLetterRecords records on the dead-letter topic, repeats included
     * @param injected the run's own, written before the start or by a fault mid-run
     * @param fates    what became of each of the first 100 of the run's own
     */
    public record Malformed(long injected, long deadLettered, long deadLetterRecords, long consumersCounted,
            List<String> sampleReasons, List<io.handoff.coordinator.audit.DeadLetterFigures.Fate> fates) {
    }

    /** A process of the run that is neither producer nor consumer, e.g. the embedded broker. */
    public record ProcessReport(String id, long pid, Integer exitCode) {
    }

    /** One producer: what it sent and how it ended. */
    public record ProducerReport(String id, long pid, Long sent, Long failed, Integer exitCode,
            Map<String, Long> controlRefused) {
    }

    /** One consumer: what it processed, what it refused, its ledger, and how it ended. */
    public record ConsumerReport(String id, long pid, long resultsUnique, Long processed, Long malformed, Long foreign,
            Long failed, LedgerReport ledger, ConsumerStats concurrency, List<Integer> finishedPartitions,
            Integer exitCode, Map<String, Long> controlRefused) {
    }

    /** A consumer's ledger at the end: {@code drift} is money lost or invented. */
    public record LedgerReport(int accounts, long total, long expectedTotal, long drift, boolean conserved) {
    }

    /** One invariant and whether it held. */
    public record Check(String name, boolean passed, String detail) {
    }
}
