package io.handoff.coordinator.demo;

import io.handoff.coordinator.report.RunReport;

import java.util.List;

/**
 * The demo's JSON report: every scenario's own run report. {@code passed} only when every scenario passed.
 */
public record DemoReport(boolean passed, long durationMs, String broker, List<ScenarioResult> scenarios) {

    /** One scenario and its run. */
    public record ScenarioResult(String name, String shows, boolean passed, String verdict, RunReport run) {
    }
}
