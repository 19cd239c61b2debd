package io.handoff.coordinator.report;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.text.DecimalFormat;

/**
 * The run's progress as a bar on an interactive terminal (the progressbar library): items processed, against
 * the item count when the run has one, with the rate, and lag, queues, paused partitions and consumers as
 * its message. Lines printed meanwhile (kills, recoveries, the stop) clear the bar's line first; the bar
 * redraws below them.
 */
public final class TerminalProgress implements Console.LastLine, AutoCloseable {

    private final PrintStream out;
    private final ProgressBar bar;

    /** @param items the run's item count, or 0 for a run that goes until stopped */
    public TerminalProgress(PrintStream out, long items) {
        this.out = out;
        this.bar = new ProgressBarBuilder()
                .setTaskName("processed")
                .setInitialMax(items > 0 ? items : -1)
                .setUnit(" items", 1)
                .showSpeed(new DecimalFormat("#,##0"))
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(out, 130))
                .build();
    }

    public void update(long processed, String message) {
        bar.stepTo(processed);
        bar.setExtraMessage(message);
    }

    @Override
    public void clear() {
        synchronized (out) {
            out.print("\r\033[K");
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
