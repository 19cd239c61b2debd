package io.handoff.coordinator.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Where the coordinator talks to its user: progress and summaries on standard output (silenced by
 * {@code --quiet}), errors on standard error always.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    /** Also receives every line said, quiet or not: the live page's event log. */
    private final Consumer<String> tap;

    public Console(PrintStream out, PrintStream err, boolean quiet) {
        this(out, err, quiet, line -> { });
    }

    private Console(PrintStream out, PrintStream err, boolean quiet, Consumer<String> tap) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.tap = tap;
    }

    /** The same console, whose lines also go to {@code tap}. */
    public Console tapped(Consumer<String> tap) {
        return new Console(out, err, quiet, tap);
    }

    public void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        tap.accept(line);
        if (!quiet) {
            out.println(line);
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
