package io.handoff.coordinator.scenarios.brokerpause;

import io.handoff.coordinator.scenario.Event;

import java.util.Locale;

/** What the broker-pause fault tells, under the heading "broker". */
sealed interface PauseEvent extends Event {

    @Override
    default String heading() {
        return "broker";
    }

    /** SIGSTOP to the broker, or SIGCONT. */
    record Stalled(long pid, boolean stalled, long forMs) implements PauseEvent {
        @Override
        public String text() {
            return stalled ? "SIGSTOP the broker (pid " + pid + "): every request to it waits, as on a slow disk"
                    : String.format(Locale.ROOT, "SIGCONT the broker (pid %d) after %.1f s: it answers what waited",
                            pid, forMs / 1000.0);
        }
    }

    /** Every partition has a result finished after the broker went on. */
    record FlowingAgain(long millisAfterStall) implements PauseEvent {
        @Override
        public String text() {
            return String.format(Locale.ROOT, "every partition flowing again, %.1f s after the stall began",
                    millisAfterStall / 1000.0);
        }
    }
}
