package io.handoff.consumer.work;

import io.handoff.consumer.sentinel.SentinelTracker;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** A plain singleton (no client proxy), since chunks read its fields. The stations every {@link Chunk} passes: work, audit, results, dead letters, and the books it settles in. */
@Singleton
public class WorkLine {

    final ItemWork work;
    final AuditSink audit;
    final ResultWriter results;
    final DeadLetters deadLetters;
    final SentinelTracker tracker;
    final ConsumerCounters counters;
    final OutstandingWork outstanding;

    @Inject
    public WorkLine(ItemWork work, AuditSink audit, ResultWriter results, DeadLetters deadLetters,
            SentinelTracker tracker, ConsumerCounters counters, OutstandingWork outstanding) {
        this.work = work;
        this.audit = audit;
        this.results = results;
        this.deadLetters = deadLetters;
        this.tracker = tracker;
        this.counters = counters;
        this.outstanding = outstanding;
    }
}
