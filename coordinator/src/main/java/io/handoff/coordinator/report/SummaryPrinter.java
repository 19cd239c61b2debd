package io.handoff.coordinator.report;

import java.nio.file.Path;
import java.util.Optional;

/** Prints a run report for people: one line per check, then the figures that matter. */
public final class SummaryPrinter {

    private SummaryPrinter() {
    }

    private static String concurrency(io.handoff.shared.message.ConsumerStats stats) {
        return String.format(java.util.Locale.ROOT,
                "; locks: %s re-entries, %s tryLock timeouts, %s deadlocks broken; audit permits high-water %d of %d",
                Console.count(stats.reentries()), Console.count(stats.tryLockTimeouts()),
                Console.count(stats.deadlocksBroken()), stats.auditHighWater(), stats.auditPermits());
    }

    public static void print(RunReport report, Optional<Path> reportFile, Console console) {
        console.say("");
        console.say("Verification of run %s", report.runId());
        for (RunReport.Check check : report.checks()) {
            console.say("  %s  %-29s %s", check.passed() ? "PASS" : "FAIL", check.name(), check.detail());
        }
        console.say("  figures     %s items processed in %.1f s (%s items/s); total run %.1f s, drain %.1f s",
                Console.count(report.consumedUnique()), report.processingMs() / 1000.0,
                Console.count(Math.round(report.itemsPerSec())), report.durationMs() / 1000.0, report.drainMs() / 1000.0);
        console.say("  latency     end to end p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms", report.e2eLatencyMs().p50(),
                report.e2eLatencyMs().p99(), report.e2eLatencyMs().p999(), report.e2eLatencyMs().max());
        console.say("  history     %s", report.history().line());
        for (RunReport.ConsumerReport consumer : report.consumers()) {
            console.say("  %-11s %s results%s%s", consumer.id(), Console.count(consumer.resultsUnique()),
                    consumer.ledger() == null ? "" : ", ledger drift " + consumer.ledger().drift(),
                    consumer.concurrency() == null ? "" : concurrency(consumer.concurrency()));
        }
        for (RunReport.Outage outage : report.outages()) {
            console.say("  outage      %s (pid %d, %s): %s; producers %.0f items/s before, %.0f during", outage.victim(),
                    outage.pid(), outage.cause(), outage.recoveryMs() == null ? "during the drain"
                            : "recovered in " + Console.count(outage.recoveryMs()) + " ms", outage.producerRateBefore(),
                    outage.producerRateDuring());
        }
        RunReport.Rejected rejected = report.rejected();
        if (rejected != null && rejected.results() + rejected.status() + rejected.deadLettersOfOthers()
                + rejected.notDeadLetters() > 0) {
            console.say("  rejected    records not the run's, set aside: %s on results, %s on status, %s dead letters of"
                    + " others' items, %s on the dead-letter topic that no consumer wrote", Console.count(rejected.results()),
                    Console.count(rejected.status()), Console.count(rejected.deadLettersOfOthers()),
                    Console.count(rejected.notDeadLetters()));
        }
        for (RunReport.Join join : report.joins()) {
            console.say("  join        %s (pid %d) joined mid-run: processing %.0f items/s before, %.0f after", join.consumer(),
                    join.pid(), join.processedRateBefore(), join.processedRateAfter());
        }
        RunReport.FlowReport flow = report.flow();
        if (flow != null && (flow.creditWindow() > 0 || flow.consumerDelayMs() > 0 || flow.ratePerSecond() > 0)) {
            console.say("  flow        producers %s/s, consumers %s/s once settled; at most %s unprocessed (window %s),"
                    + " queues %d/%d, %d partitions paused", Console.count(flow.producerRate()),
                    Console.count(flow.consumerRate()), Console.count(flow.maxUnprocessed()),
                    Console.count(flow.creditWindow()), flow.maxProducerQueue(), flow.maxConsumerQueue(),
                    flow.maxPausedPartitions());
        }
        if (!report.malformed().sampleReasons().isEmpty()) {
            console.say("  dead-letter reasons: %s", String.join(" | ", report.malformed().sampleReasons()));
        }
        if (report.passed()) {
            console.say("  settings    lock mode %s, %s workers x %d, work %s", report.settings().lockMode(),
                    report.settings().threads(), report.settings().workers(), report.settings().work());
        }
        String where = reportFile.map(file -> "report " + file + ", ").orElse("") + "logs " + report.logs();
        if (report.passed()) {
            console.verdict("PASSED: lost = 0, ledger conserved (%s)", where);
        } else {
            console.verdict("FAILED: %s (%s)", report.verdict(), where);
        }
    }
}
