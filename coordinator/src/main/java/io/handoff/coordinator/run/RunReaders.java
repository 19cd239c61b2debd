package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.ChangeSignal;
import io.handoff.coordinator.audit.DeadLetterCount;
import io.handoff.coordinator.audit.ItemTally;
import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.kafka.TopicTail;

/**
 * What the run watches, fed by its topic tails: the services' reports ({@code status}), the results audit, the
 * dead letters, and, where a producer may die unreported, what Kafka acknowledged on {@code items} (else
 * {@code tally} and {@code itemsTail} are null). {@code signal} pulses whenever a tail read something.
 */
record RunReaders(StatusBoard board, ResultAudit audit, DeadLetterCount deadLetters, ItemTally tally,
        TopicTail itemsTail, ChangeSignal signal) {
}
