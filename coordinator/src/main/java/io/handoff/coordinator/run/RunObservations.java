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
 * Everything a finished (or aborted) run observed, as values, from which {@link Verdict} makes its report: where it
 * ran, its processes, their reports, what the audits found, what happened on the way, and how it ended. The
 * accessors below read through the parts, so that a check names what it judges, not where it is kept.
 */
record RunObservations(Where where, Processes processes, Reports reports, Results results, Course course, End end) {

    /** The run and where it ran. */
    record Where(String runId, RunPlan plan, String bootstrap, TopicLayout layout,
            Optional<RunReport.ProcessReport> broker, Path runDir) {
    }

    /**
     * @param producers each producer's process
     * @param consumers the current process of each consumer instance
     * @param history   every service process the run started, in order (a restarted consumer has two)
     */
    record Processes(List<ProcessFacts> producers, List<ProcessFacts> consumers, List<ProcessFacts> history) {
    }

    /** @param statusUnreadable records on {@code status} that were not valid reports, ignored */
    record Reports(Map<String, ProducerDone> producersDone, Map<String, ConsumerDone> consumersDone,
            long statusUnreadable) {
    }

    /**
     * @param acknowledged items Kafka acknowledged, that the audit expected on results
     * @param audit        what the results audit found, against what Kafka acknowledged
     * @param deadLetters  what the dead-letter tail counted
     */
    record Results(long acknowledged, AuditFigures audit, DeadLetterFigures deadLetters) {
    }

    /** @param fault the scenario's fault, for its report and its own checks */
    record Course(FlowReport flow, List<Outage> outages, List<RunReport.Join> joins, Fault fault) {
    }

    /** @param abortReason why the run stopped before it could finish, if it did */
    record End(long durationMs, Drain drain, Optional<String> abortReason) {
    }

    String runId() {
        return where.runId();
    }

    RunPlan plan() {
        return where.plan();
    }

    String bootstrap() {
        return where.bootstrap();
    }

    TopicLayout layout() {
        return where.layout();
    }

    Optional<RunReport.ProcessReport> broker() {
        return where.broker();
    }

    Path runDir() {
        return where.runDir();
    }

    List<ProcessFacts> producers() {
        return processes.producers();
    }

    List<ProcessFacts> consumers() {
        return processes.consumers();
    }

    List<ProcessFacts> history() {
        return processes.history();
    }

    Map<String, ProducerDone> producersDone() {
        return reports.producersDone();
    }

    Map<String, ConsumerDone> consumersDone() {
        return reports.consumersDone();
    }

    long statusUnreadable() {
        return reports.statusUnreadable();
    }

    long acknowledged() {
        return results.acknowledged();
    }

    AuditFigures audit() {
        return results.audit();
    }

    DeadLetterFigures deadLetters() {
        return results.deadLetters();
    }

    FlowReport flow() {
        return course.flow();
    }

    List<Outage> outages() {
        return course.outages();
    }

    List<RunReport.Join> joins() {
        return course.joins();
    }

    Fault fault() {
        return course.fault();
    }

    long durationMs() {
        return end.durationMs();
    }

    Drain drain() {
        return end.drain();
    }

    Optional<String> abortReason() {
        return end.abortReason();
    }

    /** Stop sent to last consumer exited (the report's {@code drainMs}; {@code drain.ms} is to the last done report). */
    long drainMs() {
        return end.drain().exitedMs();
    }
}
