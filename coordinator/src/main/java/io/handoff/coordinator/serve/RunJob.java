package io.handoff.coordinator.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.handoff.coordinator.report.RunReport;

/**
 * One scenario run asked for over REST, as the API shows it.
 *
 * @param state {@code running}, then {@code passed}, {@code failed} (an invariant broke) or {@code error}
 *              (the run could not be carried out; {@code error} says why)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunJob(int id, String scenario, String shows, int producers, int consumers, String state,
        long startedAtMs, Long finishedAtMs, String error, RunReport report) {

    RunJob finished(RunReport run, long atMs) {
        return new RunJob(id, scenario, shows, producers, consumers, run.passed() ? "passed" : "failed", startedAtMs,
                atMs, null, run);
    }

    RunJob failed(String why, long atMs) {
        return new RunJob(id, scenario, shows, producers, consumers, "error", startedAtMs, atMs, why, null);
    }
}
