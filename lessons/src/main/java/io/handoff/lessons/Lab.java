package io.handoff.lessons;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The bench a lesson runs on: its seed and random numbers, the lines it prints, the outcomes it counts and
 * the figures it measures. {@link #finish} prints the table of outcomes (outcome, count, share, expectation)
 * and what to notice, and says whether a forbidden outcome showed. Child processes a lesson starts are
 * registered here and never outlive it ({@link Children}).
 */
public final class Lab implements AutoCloseable {

    private final Lesson lesson;
    private final long seed;
    private final Random random;
    private final PrintStream out;
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final List<String> notices = new ArrayList<>();
    private final Children children = new Children();
    private long tries;

    Lab(Lesson lesson, long seed, PrintStream out) {
        this.lesson = lesson;
        this.seed = seed;
        this.random = new Random(seed);
        this.out = out;
        for (Outcome outcome : lesson.outcomes()) {
            outcomes.put(outcome.name(), outcome);
            counts.put(outcome.name(), 0L);
        }
    }

    public long seed() {
        return seed;
    }

    /** Random numbers from the printed seed: the same seed gives the same choices. */
    public Random random() {
        return random;
    }

    /** The processes this lesson starts: each one is ended when the lesson ends, whatever happens. */
    public Children children() {
        return children;
    }

    /** A line of what happens, as it happens. */
    public void say(String format, Object... args) {
        out.println("  " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /** Counts one observation of a declared outcome. */
    public void observe(String outcome) {
        observe(outcome, 1);
    }

    /** Counts {@code n} observations of a declared outcome. */
    public void observe(String outcome, long n) {
        if (!outcomes.containsKey(outcome)) {
            throw new IllegalArgumentException("lesson " + lesson.name() + " declared no outcome " + outcome);
        }
        counts.merge(outcome, n, Long::sum);
    }

    /** How many tries the lesson made, for "not observed in N tries". */
    public void tries(long n) {
        tries = n;
    }

    /** A measured figure: printed in the table's footer and kept in the report for tests. */
    public void figure(String name, double value) {
        figures.put(name, value);
    }

    /** What to notice, printed after the table. */
    public void notice(String format, Object... args) {
        notices.add(String.format(Locale.ROOT, format, args));
    }

    /** Prints the outcomes table, what to notice and where it runs in the pipeline; returns the report. */
    Report finish(long millis) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        boolean forbiddenSeen = false;
        out.println();
        out.printf(Locale.ROOT, "Observed (seed %d):%n", seed);
        out.printf(Locale.ROOT, "  %-28s %10s %7s  %s%n", "outcome", "count", "share", "expectation");
        for (Outcome outcome : outcomes.values()) {
            long n = counts.get(outcome.name());
            String share = total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total);
            String expectation = outcome.expect().label();
            if (n > 0 && outcome.expect() == Expect.FORBIDDEN) {
                forbiddenSeen = true;
                expectation += "  <-- FORBIDDEN OUTCOME SEEN";
            } else if (n == 0 && outcome.expect() == Expect.INTERESTING) {
                expectation += tries > 0
                        ? String.format(Locale.ROOT, " (not observed in %,d tries: not proof)", tries)
                        : " (not observed this run: not proof)";
            }
            out.printf(Locale.ROOT, "  %-28s %,10d %7s  %s%n", outcome.name(), n, share, expectation);
        }
        if (!notices.isEmpty()) {
            out.println();
            out.println("Notice:");
            notices.forEach(n -> out.println("  - " + n));
        }
        out.println();
        out.println("In the pipeline:");
        out.println("  " + lesson.pipeline().where());
        out.println("  try: " + lesson.pipeline().command());
        out.println("  and: " + lesson.pipeline().look());
        out.println();
        out.printf(Locale.ROOT, "%s: %s in %.1f s%s%n", lesson.name(), forbiddenSeen ? "FAILED" : "done",
                millis / 1000.0, forbiddenSeen ? " (a forbidden outcome showed: see above)" : "");
        out.flush();
        return new Report(lesson.name(), seed, Map.copyOf(counts), Map.copyOf(figures), forbiddenSeen, millis);
    }

    /** Prints the outcomes before the run, as the lesson states them. */
    void announce() {
        out.printf(Locale.ROOT, "== %s: %s ==%n", lesson.name(), lesson.idea());
        out.println("Python: " + lesson.python());
        out.println("Java:   " + lesson.java());
        out.printf(Locale.ROOT, "seed:   %d (repeat with --seed %d)%s%n", seed, seed,
                lesson.startsBroker() ? "; starts a Kafka broker" : "");
        out.println();
        out.println("Outcomes, stated before the run:");
        for (Outcome outcome : outcomes.values()) {
            out.printf(Locale.ROOT, "  %-28s %-12s %s%n", outcome.name(), outcome.expect().label(), outcome.meaning());
        }
        out.println();
        out.println("What happens:");
        out.flush();
    }

    @Override
    public void close() {
        children.close();
    }
}
