package io.handoff.coordinator.serve;

/**
 * The body of {@code POST /api/runs}. Only {@code scenario} is required; the rest default to the scenario's
 * own figures and to every agent that is up.
 *
 * @param scenario  steady, backpressure, isolation or stop
 * @param producers producer instances (each needs a producer agent)
 * @param consumers consumer instances (each needs a consumer agent)
 * @param items     items in total, for scenarios that end after a count (steady)
 * @param seconds   how long producers produce, for scenarios that stop after a time (backpressure, isolation,
 *                  stop); 1 to {@value RunJobs#MAX_SECONDS}
 */
public record RunRequest(String scenario, Integer producers, Integer consumers, Long items, Integer seconds) {
}
