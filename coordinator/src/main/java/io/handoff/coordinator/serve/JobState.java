package io.handoff.coordinator.serve;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A run asked for over REST. In JSON and on metrics, the lower-case name. */
public enum JobState {
    RUNNING,
    /** Every invariant held. */
    PASSED,
    /** An invariant broke; the report says which. */
    FAILED,
    /** The run could not be carried out; the job's {@code error} says why. */
    ERROR;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
