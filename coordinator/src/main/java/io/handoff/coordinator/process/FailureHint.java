package io.handoff.coordinator.process;

import java.util.List;

/** Picks from the end of a log the line that best says why a process failed. */
public final class FailureHint {

    private FailureHint() {
    }

    /** The last line logged at ERROR or naming an exception, else the last line, else {@code empty}. */
    public static String in(List<String> tail, String empty) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            String line = tail.get(i);
            if (line.contains("ERROR") || line.contains("Exception:")) {
                return line.strip();
            }
        }
        return tail.isEmpty() ? empty : tail.get(tail.size() - 1).strip();
    }
}
