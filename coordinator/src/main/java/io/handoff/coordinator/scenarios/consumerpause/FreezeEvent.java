package io.handoff.coordinator.scenarios.consumerpause;

import io.handoff.coordinator.scenario.Event;

import java.util.Locale;

/** What the consumer-pause fault tells, under the heading "stall". */
sealed interface FreezeEvent extends Event {

    @Override
    default String heading() {
        return "stall";
    }

    /** A fault froze a consumer's process (SIGSTOP), or let it go on (SIGCONT). */
    record Frozen(String consumer, long pid, boolean frozen, long sessionTimeoutMs) implements FreezeEvent {
        @Override
        public String text() {
            return frozen ? String.format(Locale.ROOT, "SIGSTOP %s (pid %d): it stays a member until its %.1f s"
                            + " session runs out, then the group moves on without it", consumer, pid,
                    sessionTimeoutMs / 1000.0)
                    : "SIGCONT " + consumer + " (pid " + pid + "): it finds itself out of the group, and rejoins";
        }
    }

    /** Every partition has a result finished since a moment: the group moved on, or came back. */
    record MovedOn(String what, long millis) implements FreezeEvent {
        @Override
        public String text() {
            return String.format(Locale.ROOT, "%s, %.1f s after the freeze", what, millis / 1000.0);
        }
    }
}
