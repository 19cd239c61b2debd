package io.handoff.lessons;

import java.util.Map;

/**
 * What a lesson observed: the count of each outcome, its figures (for tests and for a person to compare), and
 * whether a forbidden outcome showed.
 */
public record Report(String lesson, long seed, Map<String, Long> counts, Map<String, Double> figures,
        boolean forbiddenSeen, long millis) {

    public long count(String outcome) {
        Long n = counts.get(outcome);
        if (n == null) {
            throw new IllegalArgumentException("lesson " + lesson + " has no outcome " + outcome + "; it has "
                    + counts.keySet());
        }
        return n;
    }

    public double figure(String name) {
        Double value = figures.get(name);
        if (value == null) {
            throw new IllegalArgumentException("lesson " + lesson + " has no figure " + name + "; it has "
                    + figures.keySet());
        }
        return value;
    }
}
