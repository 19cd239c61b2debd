package io.handoff.coordinator.run;

import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;

import java.nio.file.Path;

/**
 * What the director has prepared before the services start: the run's id and plan, its scenario's fault, its
 * Kafka, the child processes it owns (the broker first), and its folder under {@code runs/}.
 */
record RunSetup(String runId, RunPlan plan, Fault fault, RunKafka kafka, ChildProcesses processes, Path runDir) {
}
