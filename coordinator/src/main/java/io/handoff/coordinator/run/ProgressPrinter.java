package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.TerminalProgress;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.message.ConsumerProgress;
import io.handoff.shared.message.ProducerProgress;

import java.util.Locale;
import java.util.Map;

/**
 * The run's progress in the terminal: a bar on an interactive one, else a line every two seconds (logs,
 * pipes, CI): processed, rate, lag, queue depths, paused partitions, credits, live consumers.
 */
final class ProgressPrinter implements AutoCloseable {

    private final Console console;
    private final RunPlan plan;
    private final StatusBoard board;
    private final ServiceFleet fleet;
    /** The progress bar on an interactive terminal; null where progress goes out as lines. */
    private final TerminalProgress bar;

    ProgressPrinter(Console console, RunPlan plan, StatusBoard board, ServiceFleet fleet) {
        this.console = console;
        this.plan = plan;
        this.board = board;
        this.fleet = fleet;
        this.bar = console.interactive() ? new TerminalProgress(System.out, plan.items()) : null;
        if (bar != null) {
            console.lastLine(bar);
        }
    }

    void print(long elapsedNanos, long written, long unique, double perSecond) {
        Map<String, ProducerProgress> producers = board.producerProgress();
        Map<String, ConsumerProgress> consumers = board.consumerProgress();
        long unprocessed = producers.values().stream().mapToLong(ProducerProgress::unprocessed).max().orElse(0);
        int producerQueue = producers.values().stream().mapToInt(ProducerProgress::queueDepth).sum();
        int consumerQueue = consumers.values().stream().mapToInt(ConsumerProgress::queueDepth).sum();
        int paused = consumers.values().stream().mapToInt(ConsumerProgress::pausedPartitions).sum();
        String credits = plan.flow().creditWindow() > 0 ? "credits " + unprocessed + "/" + plan.flow().creditWindow() : "";
        if (bar != null) {
            bar.update(unique, String.format(Locale.ROOT, " · lag %s · queues %d/%d · paused %d%s · consumers %d/%d",
                    Console.count(Math.max(0, written - unique)), producerQueue, consumerQueue, paused,
                    credits.isEmpty() ? "" : " · " + credits, fleet.liveConsumers().size(), fleet.consumers().size()));
            return;
        }
        console.say("  %6.1f s  written %s  processed %s (%s/s)  lag %s  queues %d/%d  paused %d%s  consumers %d/%d",
                elapsedNanos / 1e9, Console.count(written), Console.count(unique), Console.count(Math.round(perSecond)),
                Console.count(Math.max(0, written - unique)), producerQueue, consumerQueue, paused,
                credits.isEmpty() ? "" : "  " + credits, fleet.liveConsumers().size(), fleet.consumers().size());
    }

    @Override
    public void close() {
        if (bar != null) {
            console.lastLine(null);
            bar.close();
        }
    }
}
