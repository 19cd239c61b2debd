package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.ChangeSignal;
import io.handoff.coordinator.audit.DeadLetterCount;
import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.report.Console;
import io.handoff.shared.message.ProducerDone;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Watches a run until every produced item has a result, and aborts it, with the reason, when a process
 * dies, results stop arriving, or time runs out. Waits on the watchers' {@link ChangeSignal}, never on a
 * fixed sleep, and prints progress every couple of seconds.
 */
final class RunWatch {

    /** This long with no item written, no result, and no producer finishing means the run is stuck. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final RunPlan plan;
    private final List<ChildProcess> producers;
    private final List<ChildProcess> consumers;
    private final StatusBoard board;
    private final ResultAudit audit;
    private final DeadLetterCount deadLetters;
    private final ChangeSignal signal;
    private final LongSupplier itemsWritten;
    private final Console console;

    RunWatch(RunPlan plan, List<ChildProcess> producers, List<ChildProcess> consumers, StatusBoard board,
            ResultAudit audit, DeadLetterCount deadLetters, ChangeSignal signal, LongSupplier itemsWritten,
            Console console) {
        this.plan = plan;
        this.producers = producers;
        this.consumers = consumers;
        this.board = board;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.signal = signal;
        this.itemsWritten = itemsWritten;
        this.console = console;
    }

    /** Returns once every item that producers report sending has a result and every injected record is dead-lettered. */
    void awaitAllProcessed(long deadlineNanos) throws RunAbortedException, InterruptedException {
        long started = System.nanoTime();
        long nextTick = started + PROGRESS_EVERY.toNanos();
        long lastUnique = 0;
        String lastProgress = "";
        long lastChange = started;
        while (true) {
            Map<String, ProducerDone> done = board.producersDone();
            checkProcesses(done);
            long unique = audit.unique();
            long expected = done.values().stream().mapToLong(ProducerDone::sent).sum();
            if (done.size() == producers.size() && unique >= expected && deadLetters.distinct() >= plan.malformed()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadlineNanos) {
                throw new RunAbortedException("the run did not finish within " + plan.timeout().toSeconds()
                        + " s (--timeout): " + Console.count(unique) + " items processed");
            }
            if (now >= nextTick) {
                long written = itemsWritten.getAsLong();
                console.say("  %6.1f s  written %s  processed %s of %s  (%s/s)", (now - started) / 1e9,
                        Console.count(written), Console.count(unique), Console.count(plan.items()),
                        Console.count((unique - lastUnique) * 1_000_000_000L / (now - nextTick + PROGRESS_EVERY.toNanos())));
                lastUnique = unique;
                String progress = written + "/" + unique + "/" + done.size() + "/" + deadLetters.count();
                if (!progress.equals(lastProgress)) {
                    lastProgress = progress;
                    lastChange = now;
                } else if (now - lastChange > STALL.toNanos()) {
                    throw new RunAbortedException("no progress for " + STALL.toSeconds() + " s: "
                            + Console.count(written) + " items written, " + Console.count(unique) + " processed, "
                            + done.size() + " of " + producers.size() + " producers done");
                }
                nextTick = now + PROGRESS_EVERY.toNanos();
            }
            signal.awaitChange(Duration.ofMillis(500));
        }
    }

    private void checkProcesses(Map<String, ProducerDone> done) throws RunAbortedException {
        for (ChildProcess producer : producers) {
            int code = producer.exitCode().orElse(0);
            if (!producer.isAlive() && (code != 0 || !done.containsKey(producer.name()))) {
                throw died(producer, "before reporting done");
            }
        }
        for (ChildProcess consumer : consumers) {
            if (!consumer.isAlive()) {
                throw died(consumer, "before the run was stopped");
            }
        }
    }

    private static RunAbortedException died(ChildProcess process, String when) {
        return new RunAbortedException(process.name() + " (pid " + process.pid() + ") exited with code "
                + process.exitCode().orElse(-1) + " " + when + "; see " + process.log() + ": "
                + process.failureHint());
    }
}
