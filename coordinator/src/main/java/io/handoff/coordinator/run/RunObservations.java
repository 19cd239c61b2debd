package io.handoff.coordinator.run;

import io.handoff.coordinator.report.Drain;
import io.handoff.coordinator.audit.DeadLetterCount;
import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.kafka.TopicLayout;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.FlowReport;
import io.handoff.coordinator.report.RunReport.Outage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything a finished (or aborted) run observed, from which its report and verdict are made.
 *
 * @param abortReason why the run stopped before it could finish, if it did
 */
record RunObservations(String runId, RunPlan plan, String bootstrap, TopicLayout layout, Optional<ChildProcess> broker,
        ServiceFleet fleet, StatusBoard board, ResultAudit audit, DeadLetterCount deadLetters, FlowReport flow,
        List<Outage> outages, List<RunReport.Join> joins, long durationMs, Drain drain, Optional<String> abortReason,
        Path runDir) {

    /** Stop sent to last consumer exited (the report's {@code drainMs}; {@code drain.ms} is to the last done report). */
    public long drainMs() {
        return drain.exitedMs();
    }

    List<ServiceProcess> producers() {
        return fleet.producers();
    }

    /** The current process of each consumer instance. */
    List<ServiceProcess> consumers() {
        return fleet.consumers();
    }
}
