package io.handoff.lessons;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./handoff learn}: lists the lessons; {@code ./handoff learn NAME [--seed N]} runs one. Exit codes: 0 a
 * lesson ran and showed no forbidden outcome, 1 it showed one, 2 the command line was wrong (what is wrong and
 * what is accepted are printed), 3 the lesson itself failed.
 */
public final class Learn {

    public static final int OK = 0;
    public static final int FORBIDDEN = 1;
    public static final int USAGE = 2;
    public static final int BROKEN = 3;

    private Learn() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("list")) {
            list(out);
            return OK;
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(out);
            return OK;
        }
        Optional<Lesson> lesson = Catalogue.named(args[0]);
        if (lesson.isEmpty()) {
            err.println("handoff learn: no lesson named '" + args[0] + "'. The lessons: "
                    + String.join(", ", Catalogue.all().stream().map(Lesson::name).toList()));
            return USAGE;
        }
        long seed = System.nanoTime() & 0xFFFFFF;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--seed") && i + 1 < args.length) {
                try {
                    seed = Long.parseLong(args[++i]);
                } catch (NumberFormatException e) {
                    err.println("handoff learn: --seed takes a whole number, got '" + args[i] + "'");
                    return USAGE;
                }
            } else {
                err.println("handoff learn: unknown argument '" + args[i] + "'; accepted: NAME [--seed N]");
                return USAGE;
            }
        }
        try {
            return run(lesson.get(), seed, out).forbiddenSeen() ? FORBIDDEN : OK;
        } catch (Exception e) {
            err.println("handoff learn: lesson " + args[0] + " failed: " + e);
            e.printStackTrace(err);
            return BROKEN;
        }
    }

    /** Runs one lesson with this seed, printing to {@code out}; the report is what the tests assert. */
    public static Report run(Lesson lesson, long seed, PrintStream out) throws Exception {
        try (Lab lab = new Lab(lesson, seed, out)) {
            lab.announce();
            long started = System.nanoTime();
            lesson.run(lab);
            return lab.finish((System.nanoTime() - started) / 1_000_000);
        }
    }

    private static void list(PrintStream out) {
        out.println("The lessons, in the order the threading and multiprocessing tutorials teach them.");
        out.println("Run one with: ./handoff learn NAME   (seconds each; only 'process-queue' starts a broker)");
        out.println();
        List<Lesson> all = Catalogue.all();
        out.printf(Locale.ROOT, "   %-16s %-30s %-32s %s%n", "NAME", "PYTHON", "JAVA", "THE IDEA");
        for (int i = 0; i < all.size(); i++) {
            Lesson l = all.get(i);
            out.printf(Locale.ROOT, "%2d %-16s %-30s %-32s %s%n", i + 1, l.name(), l.forms().python(), l.forms().java(),
                    l.idea());
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: ./handoff learn              list the lessons");
        out.println("       ./handoff learn NAME         run one: what happens, a table of outcomes, what to notice,");
        out.println("                                    and where the pipeline uses the same mechanism");
        out.println("       ./handoff learn NAME --seed N   repeat a run: every lesson prints its seed");
        out.println("Exit codes: 0 done, 1 a forbidden outcome showed, 2 a wrong command line, 3 the lesson failed.");
    }
}
