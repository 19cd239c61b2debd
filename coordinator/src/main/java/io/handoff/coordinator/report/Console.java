package io.handoff.coordinator.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where the coordinator talks to its user: progress and summaries on standard output (silenced by
 * {@code --quiet}), errors on standard error always.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;

    public Console(PrintStream out, PrintStream err, boolean quiet) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
    }

    public void say(String format, Object... args) {
        if (!quiet) {
            out.println(String.format(Locale.ROOT, format, args));
            out.flush();
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
