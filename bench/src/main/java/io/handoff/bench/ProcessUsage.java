package io.handoff.bench;

/**
 * What one process spent during a phase.
 *
 * @param cpuSeconds        user + kernel CPU, from {@code /proc/PID/stat}
 * @param cpuSecondsAfterMark the part spent after the phase's mark (the pipeline's producers told to start);
 *                          null where the phase has no mark
 * @param voluntarySwitches voluntary context switches summed over its threads, from {@code /proc/PID/task/*}
 */
public record ProcessUsage(String process, long pid, Role role, double cpuSeconds, Double cpuSecondsAfterMark,
        long voluntarySwitches) {

    /** Why a process is in a phase: measured, or sharing the machine with what is. */
    public enum Role {
        /** Does the phase's work: a perf tool, or the pipeline's coordinator and services. */
        MEASURED,
        /** The broker: serves every phase, reported apart. */
        BROKER,
        /** This JVM: the sampler's own cost, reported so that it can be seen to be small. */
        BENCH
    }
}
