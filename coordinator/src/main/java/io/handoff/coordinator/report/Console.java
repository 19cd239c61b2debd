package io.handoff.coordinator.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the coordinator talks to its user: progress and summaries on standard output (silenced by
 * {@code --quiet}), errors on standard error always.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    /** A progress bar drawn on the terminal's last line, which a printed line clears first. */
    private final AtomicReference<Runnable> clearBar;

    /** Something drawn on the last line of the terminal that a printed line must clear first. */
    public interface LastLine {
        void clear();
    }

    public Console(PrintStream out, PrintStream err, boolean quiet) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.clearBar = new AtomicReference<>();
    }

    /**
     * Whether progress may be drawn as a bar: output to an interactive terminal, not quiet, not in CI. Logs,
     * pipes and tests get one plain line every two seconds instead.
     */
    public boolean interactive() {
        return !quiet && out == System.out && System.getenv("CI") == null && isTerminal();
    }

    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Since JDK 22 System.console() exists even when redirected; isTerminal() tells the two apart.
            return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** A bar is on the last line now (null: none). */
    public void lastLine(LastLine line) {
        clearBar.set(line == null ? null : line::clear);
    }

    public void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        if (!quiet) {
            // One hold of the stream for the clear and the line: the bar redraws from a thread of its own, through
            // the same PrintStream (whose writes lock it), and a redraw between the two garbled the line.
            synchronized (out) {
                Runnable clear = clearBar.get();
                if (clear != null) {
                    clear.run();
                }
                out.println(line);
                out.flush();
            }
        }
    }

    /** Printed even with {@code --quiet}: the verdict is the one line a CI log must show. */
    public void verdict(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    public void error(String format, Object... args) {
        err.println(String.format(Locale.ROOT, format, args));
        err.flush();
    }

    /** 1234567 as "1,234,567". */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
