package io.handoff.coordinator.scenario;

import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;

import java.util.Locale;

/**
 * One scenario: a hazard, the run that shows it handled, and the figures that prove it. Each lives in a
 * package of its own under {@code scenarios}, and is registered on one line of {@code Scenarios}, which the
 * CLI, the REST API, the live page and the docs all read.
 */
public interface Scenario {

    /** A short id: the {@code --scenario} value and the REST {@code scenario}. */
    String name();

    /** One line for the terminal and the API: the hazard, and what handles it. */
    String shows();

    /** The run that shows it, made from a base plan that names the scenario and the cluster. */
    RunPlan plan(RunPlan.Builder base);

    /** Whether {@code ./handoff demo} runs it: the demo is sized to three minutes on two cores. */
    default boolean inDemo() {
        return false;
    }

    /** What its fault must be able to reach; a serving coordinator reaches neither of the local kinds. */
    enum Reach {
        /** Nothing beyond the run's settings and its topics: runs anywhere, over REST too. */
        ANYWHERE,
        /** Signals to the service processes (SIGSTOP, SIGKILL): they must be this coordinator's children. */
        LOCAL_SERVICES,
        /** The broker the run starts itself (killed and restarted): no {@code --bootstrap} either. */
        OWN_BROKER
    }

    default Reach reach() {
        return Reach.ANYWHERE;
    }

    /** What it does to the run beyond its plan; a fresh one for each run. */
    default Fault fault() {
        return Fault.NONE;
    }

    /** The demo table's line for a run of it: the figures that prove it. */
    default String figures(RunReport run) {
        return common(run) + String.format(Locale.ROOT, "; %s items/s, p99 %d ms, ledgers conserved",
                Console.count(Math.round(run.itemsPerSec())), run.e2eLatencyMs().p99());
    }

    /** The figures every scenario's line opens with. */
    static String common(RunReport run) {
        return String.format(Locale.ROOT, "%s items, lost %d, %s duplicates", Console.count(run.consumedUnique()),
                run.lost(), Console.count(run.duplicates()));
    }
}
