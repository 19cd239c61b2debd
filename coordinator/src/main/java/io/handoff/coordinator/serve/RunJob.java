package io.handoff.coordinator.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.handoff.coordinator.report.RunReport;

/**
 * One scenario run asked for over REST, as the API shows it.
 *
 * @param state running, then passed, failed or error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunJob(int id, String scenario, String shows, int producers, int consumers, JobState state,
        long startedAtMs, Long finishedAtMs, String error, RunReport report) {

    RunJob finished(RunReport run, long atMs) {
        return new RunJob(id, scenario, shows, producers, consumers, run.passed() ? JobState.PASSED : JobState.FAILED, startedAtMs,
                atMs, null, run);
    }

    RunJob failed(String why, long atMs) {
        return new RunJob(id, scenario, shows, producers, consumers, JobState.ERROR, startedAtMs, atMs, why, null);
    }
}
