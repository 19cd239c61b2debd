package io.handoff.lessons;

/**
 * What a lesson says of an outcome before it runs, as jcstress samples grade theirs: one it may show, one it
 * must never show (the lesson then exits non-zero), or the hazard it is there to show, which may or may not
 * turn up in a given run.
 */
public enum Expect {
    ACCEPTABLE("acceptable"),
    FORBIDDEN("forbidden"),
    INTERESTING("interesting");

    private final String label;

    Expect(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
