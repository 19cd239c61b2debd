package io.handoff.coordinator.live;

import java.util.List;

/**
 * One moment of the run in progress, as the live page shows it: sent once a second to every open page.
 *
 * @param state       {@code idle} before the first run, {@code running}, {@code draining} (stop sent), or
 *                    {@code finished} with the verdict
 * @param producedPerSec items written to Kafka per second since the previous snapshot
 * @param consumedPerSec items processed per second since the previous snapshot
 * @param concurrency    each service process's threads, locks and semaphore (the concurrency view)
 */
public record LiveSnapshot(String runId, String scenario, RunPhase state, String verdict, double elapsedSec,
        long written, long processed, double producedPerSec, double consumedPerSec, long lag, int producerQueue,
        int consumerQueue, int pausedPartitions, long creditsInFlight, long creditWindow, List<Process> processes,
        List<String> events, List<ProcessConcurrency> concurrency) {

    /** A producer, consumer or broker process of the run. */
    public record Process(String name, String role, long pid, ProcessState state, Integer exitCode) {
    }

    static LiveSnapshot idle() {
        return new LiveSnapshot("", "", RunPhase.IDLE, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of());
    }
}
