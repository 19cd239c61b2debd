package io.handoff.coordinator.live;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A process of the run, as the live page lists it. In JSON, the lower-case name. */
public enum ProcessState {
    RUNNING,
    /** Killed on purpose: by a drill, a fault, or the page's button. */
    KILLED,
    /** Ended by itself, with the exit code beside it. */
    EXITED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
