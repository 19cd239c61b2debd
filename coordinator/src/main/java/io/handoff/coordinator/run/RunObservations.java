package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.AuditFigures;
import io.handoff.coordinator.audit.DeadLetterFigures;
import io.handoff.coordinator.kafka.TopicLayout;
import io.handoff.coordinator.report.Drain;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.FlowReport;
import io.handoff.coordinator.report.RunReport.Outage;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.ProducerDone;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a finished (or aborted) run observed, as values, from which {@link Verdict} makes its report.
 *
 * @param producers       each producer's process
 * @param consumers       the current process of each consumer instance
 * @param history         every service process the run started, in order (a restarted consumer has two)
 * @param statusUnreadable records on {@code status} that were not valid reports, ignored
 * @param acknowledged    items Kafka acknowledged, that the audit expected on results
 * @param audit           what the results audit found, against what Kafka acknowledged
 * @param fault           the scenario's fault, for its report and its own checks
 * @param abortReason     why the run stopped before it could finish, if it did
 */
record RunObservations(String runId, RunPlan plan, String bootstrap, TopicLayout layout,
        Optional<RunReport.ProcessReport> broker, List<ProcessFacts> producers, List<ProcessFacts> consumers,
        List<ProcessFacts> history, Map<String, ProducerDone> producersDone, Map<String, ConsumerDone> consumersDone,
        long statusUnreadable, long acknowledged, AuditFigures audit, DeadLetterFigures deadLetters, FlowReport flow, List<Outage> outages,
        List<RunReport.Join> joins, Fault fault, long durationMs, Drain drain, Optional<String> abortReason,
        Path runDir) {

    /** Stop sent to last consumer exited (the report's {@code drainMs}; {@code drain.ms} is to the last done report). */
    long drainMs() {
        return drain.exitedMs();
    }
}
