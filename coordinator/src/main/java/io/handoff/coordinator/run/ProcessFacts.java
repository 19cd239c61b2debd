package io.handoff.coordinator.run;

import io.handoff.coordinator.process.ServiceProcess;

/**
 * One service process as the verdict sees it once the run is over: plain values, so that the verdict is a
 * pure function of what was observed.
 *
 * @param exitCode its exit code; null while it still runs
 * @param killed   killed on purpose by the run (a fault, a button)
 */
record ProcessFacts(String name, long pid, Integer exitCode, boolean killed) {

    static ProcessFacts of(ServiceProcess process, ServiceFleet fleet) {
        return new ProcessFacts(process.name(), process.pid(), process.exitCode().orElse(null), fleet.wasKilled(process));
    }
}
