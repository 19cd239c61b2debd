package io.handoff.coordinator.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.handoff.coordinator.audit.LatencySummary;
import io.handoff.shared.message.ConsumerStats;

import java.util.List;

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
 * @param drainMs        stop sent to last consumer exited
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(String runId, boolean passed, String verdict, long produced, long consumedUnique, long lost,
        long duplicates, long unexpected, long durationMs, long processingMs, double itemsPerSec,
        LatencySummary e2eLatencyMs, long drainMs, Malformed malformed, Settings settings, ProcessReport broker,
        List<ProducerReport> producers, List<ConsumerReport> consumers, List<Check> checks, String logs) {

    /** How the run was set up. */
    public record Settings(int producers, int consumers, long items, int partitions, int payloadBytes, int workers,
            int generators, int accounts, int hotAccounts, String lockMode, String threads, String work,
            String bootstrap, boolean embeddedBroker, List<String> topicNotes) {
    }

    /**
     * The bad records injected and what became of them.
     *
     * @param deadLettered     distinct records on the dead-letter topic, by origin offset
     * @param deadLetterRecords records on the dead-letter topic, repeats included
     */
    public record Malformed(long injected, long deadLettered, long deadLetterRecords, long consumersCounted,
            List<String> sampleReasons) {
    }

    /** A process of the run that is neither producer nor consumer, e.g. the embedded broker. */
    public record ProcessReport(String id, long pid, Integer exitCode) {
    }

    /** One producer: what it sent and how it ended. */
    public record ProducerReport(String id, long pid, Long sent, Long failed, Integer exitCode) {
    }

    /** One consumer: what it processed, what it refused, its ledger, and how it ended. */
    public record ConsumerReport(String id, long pid, long resultsUnique, Long processed, Long malformed, Long foreign,
            Long failed, LedgerReport ledger, ConsumerStats concurrency, Integer exitCode) {
    }

    /** A consumer's ledger at the end: {@code drift} is money lost or invented. */
    public record LedgerReport(int accounts, long total, long expectedTotal, long drift, boolean conserved) {
    }

    /** One invariant and whether it held. */
    public record Check(String name, boolean passed, String detail) {
    }
}
