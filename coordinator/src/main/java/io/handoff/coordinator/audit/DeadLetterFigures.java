package io.handoff.coordinator.audit;

import java.util.List;

/**
 * What the dead-letter tail counted, as a value.
 *
 * @param count          dead-letter records, a record dead-lettered twice counting twice
 * @param distinct       distinct records dead-lettered, by where they came from
 * @param expected       bad records the run wrote itself
 * @param expectedSeen   of the run's own malformed records, those dead-lettered
 * @param fromOutside    distinct records dead-lettered that the run did not write
 * @param notDeadLetters records on the dead-letter topic that no consumer wrote
 * @param withoutReason  records that reached the dead-letter topic without saying why: should be none
 * @param sampleReasons  the first reasons given
 * @param fates          what became of each of the first bad records the run wrote
 */
public record DeadLetterFigures(long count, long distinct, long expected, long expectedSeen, long fromOutside,
        long notDeadLetters, long withoutReason, List<String> sampleReasons, List<Fate> fates) {

    public static final DeadLetterFigures NONE = new DeadLetterFigures(0, 0, 0, 0, 0, 0, 0, List.of(), List.of());

    /**
     * One bad record the run wrote, and what became of it.
     *
     * @param origin       where it was written: {@code items/PARTITION/OFFSET}
     * @param kind         what was wrong with it
     * @param deadLettered whether it reached the dead-letter topic
     * @param reason       the reason the consumer gave there; null if it never arrived
     */
    public record Fate(String origin, String kind, boolean deadLettered, String reason) {
    }
}
