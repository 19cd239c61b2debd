package io.handoff.coordinator.serve;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A serving coordinator runs for weeks: its job history keeps the newest finished jobs, a bounded number. */
class RunJobsTest {

    @Test
    void keepsTheNewestFinishedJobsAndNeverDropsTheRunningOne() {
        RunJobs jobs = new RunJobs();
        jobs.remember(new RunJob(1, "steady", "", 1, 1, "running", 0, null, null, null));
        for (int id = 2; id <= RunJobs.JOBS_KEPT + 20; id++) {
            jobs.remember(new RunJob(id, "steady", "", 1, 1, "passed", 0, 1L, null, null));
        }

        jobs.forgetBeyond(RunJobs.JOBS_KEPT);

        assertThat(jobs.all()).hasSize(RunJobs.JOBS_KEPT + 1).first().extracting(RunJob::id).isEqualTo(1);
        assertThat(jobs.get(2)).as("the oldest finished one is forgotten").isEmpty();
        assertThat(jobs.get(RunJobs.JOBS_KEPT + 20)).isPresent();
        assertThat(jobs.runsStarted()).as("still counts every run").isEqualTo(RunJobs.JOBS_KEPT + 20);
    }
}
