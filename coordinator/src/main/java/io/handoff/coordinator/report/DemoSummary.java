package io.handoff.coordinator.report;

import io.handoff.coordinator.demo.DemoReport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Prints the demo's closing table: one row per scenario, its result and the figures that prove it. */
public final class DemoSummary {

    private DemoSummary() {
    }

    public static void print(DemoReport demo, Optional<Path> reportFile, Console console) {
        console.say("");
        console.say("Handoff demo, %.0f s", demo.durationMs() / 1000.0);
        console.say("  %-13s %-6s %s", "scenario", "result", "what proves it");
        for (DemoReport.ScenarioResult scenario : demo.scenarios()) {
            console.say("  %-13s %-6s %s", scenario.name(), scenario.passed() ? "PASS" : "FAIL", figures(scenario));
        }
        String where = reportFile.map(file -> " (report " + file + ")").orElse("");
        if (demo.passed()) {
            console.verdict("PASSED: every scenario held every invariant%s", where);
        } else {
            console.verdict("FAILED: %s%s", demo.scenarios().stream().filter(s -> !s.passed())
                    .map(s -> s.name() + ": " + s.verdict()).reduce((a, b) -> a + "; " + b).orElse(""), where);
        }
    }

    private static String figures(DemoReport.ScenarioResult scenario) {
        RunReport run = scenario.run();
        String common = String.format(Locale.ROOT, "%s items, lost %d, %s duplicates", Console.count(run.consumedUnique()),
                run.lost(), Console.count(run.duplicates()));
        return switch (scenario.name()) {
            case "backpressure" -> common + String.format(Locale.ROOT,
                    "; at most %s unprocessed (window %s); producers %s/s, consumers %s/s",
                    Console.count(run.flow().maxUnprocessed()), Console.count(run.flow().creditWindow()),
                    Console.count(run.flow().producerRate()), Console.count(run.flow().consumerRate()));
            case "isolation" -> common + run.outages().stream().findFirst().map(o -> String.format(Locale.ROOT,
                    "; %s killed, recovered in %s ms, producers %.0f/s before, %.0f/s during", o.victim(),
                    o.recoveryMs() == null ? "-" : Console.count(o.recoveryMs()), o.producerRateBefore(),
                    o.producerRateDuring())).orElse("; no kill happened");
            case "stop" -> common + String.format(Locale.ROOT,
                    "; ended by %s, drained in %s ms (%s: 1 s + %s in flight at the stop / %s items/s), exited %s ms",
                    run.endedBy(), run.drain() == null ? "?" : Console.count(run.drain().ms()), run.drain() == null ? "bound unknown"
                            : (run.drain().withinBound() ? "within " : "beyond ") + Console.count(run.drain().boundMs())
                                    + " ms",
                    run.drain() == null ? "?" : Console.count(run.drain().inFlightAtStop()),
                    run.drain() == null ? "?" : Console.count(Math.round(run.drain().itemsPerSec())),
                    Console.count(run.drainMs()));
            default -> common + String.format(Locale.ROOT, "; %s items/s, p99 %d ms, ledgers conserved",
                    Console.count(Math.round(run.itemsPerSec())), run.e2eLatencyMs().p99());
        };
    }
}
