package io.handoff.coordinator.serve;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A serving coordinator runs for weeks: its job history keeps the newest finished jobs, a bounded number. */
class RunJobsTest {

    @Test
    void keepsTheNewestFinishedJobsAndNeverDropsTheRunningOne() {
        Map<Integer, RunJob> jobs = new HashMap<>();
        jobs.put(1, new RunJob(1, "steady", "", 1, 1, JobState.RUNNING, 0, null, null, null));
        for (int id = 2; id <= RunJobs.JOBS_KEPT + 20; id++) {
            jobs.put(id, new RunJob(id, "steady", "", 1, 1, JobState.PASSED, 0, 1L, null, null));
        }

        RunJobs.forgetBeyond(jobs, RunJobs.JOBS_KEPT);

        assertThat(jobs).hasSize(RunJobs.JOBS_KEPT + 1).containsKey(1).doesNotContainKeys(2, 20)
                .containsKeys(21, RunJobs.JOBS_KEPT + 20);
    }
}
