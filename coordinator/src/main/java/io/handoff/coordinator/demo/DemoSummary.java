package io.handoff.coordinator.demo;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.scenario.Scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Prints the demo's closing table: one row per scenario, its result and the figures that prove it. */
public final class DemoSummary {

    private DemoSummary() {
    }

    public static void print(DemoReport demo, List<Scenario> scenarios, Optional<Path> reportFile, Console console) {
        console.say("");
        console.say("Handoff demo, %.0f s", demo.durationMs() / 1000.0);
        console.say("  %-15s %-6s %s", "scenario", "result", "what proves it");
        for (int i = 0; i < demo.scenarios().size(); i++) {
            DemoReport.ScenarioResult result = demo.scenarios().get(i);
            console.say("  %-15s %-6s %s", result.name(), result.passed() ? "PASS" : "FAIL",
                    scenarios.get(i).figures(result.run()));
        }
        String where = reportFile.map(file -> " (report " + file + ")").orElse("");
        if (demo.passed()) {
            console.verdict("PASSED: every scenario held every invariant%s", where);
        } else {
            console.verdict("FAILED: %s%s", demo.scenarios().stream().filter(s -> !s.passed())
                    .map(s -> s.name() + ": " + s.verdict()).reduce((a, b) -> a + "; " + b).orElse(""), where);
        }
    }
}
