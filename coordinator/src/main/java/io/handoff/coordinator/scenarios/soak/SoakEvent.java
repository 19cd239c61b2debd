package io.handoff.coordinator.scenarios.soak;

import io.handoff.coordinator.scenario.Event;

import java.util.Locale;

/** What a soak tells, under the heading "soak". */
sealed interface SoakEvent extends Event {

    @Override
    default String heading() {
        return "soak";
    }

    /** A soak measured the pipeline's most and set the producers to half of it. */
    record RateSet(double measuredPerSecond, int perProducer, int producers) implements SoakEvent {
        @Override
        public String text() {
            return String.format(Locale.ROOT, "the pipeline did %,.0f items/s unpaced; producers now send %,d/s each"
                    + " (%d of them): half of that", measuredPerSecond, perProducer, producers);
        }
    }

    /** A soak's next fault, and how many came before it. */
    record FaultDue(int number, String kind) implements SoakEvent {
        @Override
        public String text() {
            return "fault " + number + ": " + kind;
        }
    }
}
