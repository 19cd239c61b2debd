package io.handoff.coordinator.audit;

import java.util.List;

/**
 * What the dead-letter tail counted, as a value.
 *
 * @param count          dead-letter records, a record dead-lettered twice counting twice
 * @param distinct       distinct records dead-lettered, by where they came from
 * @param expectedSeen   of the run's own malformed records, those dead-lettered
 * @param fromOutside    distinct records dead-lettered that the run did not write
 * @param notDeadLetters records on the dead-letter topic that no consumer wrote
 * @param withoutReason  records that reached the dead-letter topic without saying why: should be none
 * @param sampleReasons  the first reasons given
 */
public record DeadLetterFigures(long count, long distinct, long expectedSeen, long fromOutside, long notDeadLetters,
        long withoutReason, List<String> sampleReasons) {

    public static final DeadLetterFigures NONE = new DeadLetterFigures(0, 0, 0, 0, 0, 0, List.of());
}
