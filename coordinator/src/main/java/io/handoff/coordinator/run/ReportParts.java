package io.handoff.coordinator.run;

import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.message.ProducerDone;

import java.util.List;
import java.util.Map;

/** The descriptive parts of a report: settings, and one entry per producer and consumer. */
final class ReportParts {

    private ReportParts() {
    }

    static RunReport.Settings settings(RunObservations run) {
        RunPlan plan = run.plan();
        return new RunReport.Settings(plan.producers(), plan.consumers(), plan.items(), run.layout() == null
                ? plan.partitions() : run.layout().partitions(), plan.shape().payloadBytes(), plan.services().workers(), plan.services().generators(),
                plan.services().accounts(), plan.services().hotAccounts(), plan.services().lockMode().label(), plan.services().threads().label(),
                plan.services().work().toString(), plan.ending().stopAfter().map(d -> d.toMillis()).orElse(null),
                run.bootstrap(), plan.bootstrap().isEmpty(),
                run.layout() == null ? List.of() : run.layout().notes());
    }

    static RunReport.ProducerReport producer(ProcessFacts process, ProducerDone done) {
        return new RunReport.ProducerReport(process.name(), process.pid(), done == null ? null : done.sent(),
                done == null ? null : done.failed(), process.exitCode(),
                done == null ? Map.of() : done.controlRefused());
    }

    static RunReport.ConsumerReport consumer(ProcessFacts process, ConsumerDone done, long unique) {
        LedgerTotals ledger = done == null ? null : done.ledger();
        return new RunReport.ConsumerReport(process.name(), process.pid(), unique,
                done == null ? null : done.processed(), done == null ? null : done.malformed(),
                done == null ? null : done.foreign(), done == null ? null : done.failed(),
                ledger == null ? null : new RunReport.LedgerReport(ledger.accounts(), ledger.total(),
                        ledger.expectedTotal(), ledger.drift(), ledger.conserved()),
                done == null ? null : done.stats(), done == null ? null : done.finished(),
                process.exitCode(), done == null ? Map.of() : done.controlRefused());
    }
}
