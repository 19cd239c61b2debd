package io.handoff.coordinator.scenario;

import io.handoff.coordinator.report.RunReport.Check;

import java.util.Map;

/** The check of a fault that must leave every service in the process it had: the same pids before and after. */
public final class ServicePids {

    private ServicePids() {
    }

    /**
     * Passes when {@code before} (taken as the fault struck) is the same as {@code after} (once it recovered).
     *
     * @param between when they were taken, for the report: "before the stall and after"
     */
    public static Check carriedOn(Map<String, Long> before, Map<String, Long> after, String between) {
        boolean same = !before.isEmpty() && before.equals(after);
        return new Check("services carried on", same, same
                ? "the same " + before.size() + " producer and consumer processes " + between
                : "before " + before + ", after " + after);
    }
}
