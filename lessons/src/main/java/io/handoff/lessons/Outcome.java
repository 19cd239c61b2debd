package io.handoff.lessons;

/** One outcome a lesson can observe, graded before the run. */
public record Outcome(String name, Expect expect, String meaning) {

    public static Outcome acceptable(String name, String meaning) {
        return new Outcome(name, Expect.ACCEPTABLE, meaning);
    }

    public static Outcome forbidden(String name, String meaning) {
        return new Outcome(name, Expect.FORBIDDEN, meaning);
    }

    public static Outcome interesting(String name, String meaning) {
        return new Outcome(name, Expect.INTERESTING, meaning);
    }
}
