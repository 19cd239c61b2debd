package io.handoff.bench;

import java.util.List;

/**
 * The CPU one phase cost, its own processes apart from the broker's and this JVM's.
 *
 * @param sampledSeconds  sum of the measured processes' last readings; misses what each spent after it
 * @param reapedSeconds   what this JVM's exited children (and theirs) spent, from {@code /proc/self/stat}'s
 *                        cutime and cstime; misses any process that was not waited for
 * @param cpuSeconds      the larger of the two: each is a lower bound of the truth
 * @param afterStartSeconds the measured processes' CPU after the pipeline's producers were told to start: the
 *                        work and the drain, without JVM start-up and group joins (sampled); null for the tools
 * @param voluntarySwitches voluntary context switches of the measured processes
 */
public record PhaseCpu(List<ProcessUsage> processes, double sampledSeconds, double reapedSeconds, double cpuSeconds,
        Double afterStartSeconds, long voluntarySwitches, Double brokerSeconds, Long brokerSwitches,
        double benchSeconds) {

    static PhaseCpu of(List<ProcessUsage> processes, double reapedSeconds) {
        double sampled = 0;
        Double afterStart = null;
        long switches = 0;
        Double brokerSeconds = null;
        Long brokerSwitches = null;
        double bench = 0;
        for (ProcessUsage process : processes) {
            switch (process.role()) {
                case MEASURED -> {
                    sampled += process.cpuSeconds();
                    switches += process.voluntarySwitches();
                    if (process.cpuSecondsAfterMark() != null) {
                        afterStart = (afterStart == null ? 0 : afterStart) + process.cpuSecondsAfterMark();
                    }
                }
                case BROKER -> {
                    brokerSeconds = process.cpuSeconds();
                    brokerSwitches = process.voluntarySwitches();
                }
                case BENCH -> bench += process.cpuSeconds();
            }
        }
        return new PhaseCpu(processes, sampled, reapedSeconds, Math.max(sampled, reapedSeconds), afterStart, switches,
                brokerSeconds, brokerSwitches, bench);
    }

    /** Microseconds of CPU per item (or record), measured processes only. */
    public double microsPer(long items) {
        return items <= 0 ? Double.NaN : cpuSeconds * 1e6 / items;
    }

    /** Microseconds of CPU per item after the producers started; NaN without that mark. */
    public double microsAfterStartPer(long items) {
        return afterStartSeconds == null || items <= 0 ? Double.NaN : afterStartSeconds * 1e6 / items;
    }

    /** Microseconds of broker CPU per item; NaN when the broker is not this bench's own. */
    public double brokerMicrosPer(long items) {
        return brokerSeconds == null || items <= 0 ? Double.NaN : brokerSeconds * 1e6 / items;
    }

    public double switchesPer(long items) {
        return items <= 0 ? Double.NaN : voluntarySwitches / (double) items;
    }
}
