package io.handoff.coordinator.live;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where the run the live page shows stands. In JSON and on metrics, the lower-case name. */
public enum RunPhase {
    /** Before the first run. */
    IDLE,
    /** Producers producing. */
    RUNNING,
    /** Stop sent: producers write sentinels, consumers drain to them. */
    DRAINING,
    /** Verdict given. */
    FINISHED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
