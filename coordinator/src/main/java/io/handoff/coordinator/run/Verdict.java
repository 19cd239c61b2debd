package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.AuditFigures;
import io.handoff.coordinator.audit.DeadLetterCount;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.shared.config.LockMode;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.LedgerTotals;
import io.handoff.shared.message.ProducerDone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns what a run observed into its report: the figures, and one check per invariant. */
final class Verdict {

    private Verdict() {
    }

    static RunReport judge(RunObservations run) {
        Map<String, ProducerDone> producersDone = run.board().producersDone();
        Map<String, ConsumerDone> consumersDone = run.board().consumersDone();
        Map<String, Long> sent = producersDone.values().stream()
                .collect(Collectors.toMap(ProducerDone::instanceId, ProducerDone::sent));
        AuditFigures audit = run.audit().figures(sent);
        long produced = sent.values().stream().mapToLong(Long::longValue).sum();
        long malformedCounted = consumersDone.values().stream().mapToLong(ConsumerDone::malformed).sum();

        List<Check> checks = new ArrayList<>();
        checks.add(new Check("run finished", run.abortReason().isEmpty(), run.abortReason().orElse("ended by plan")));
        checks.add(producersCheck(run, producersDone));
        checks.add(new Check("lost = 0", audit.lost() == 0 && producersDone.size() == run.producers().size(),
                producersDone.size() < run.producers().size()
                        ? "cannot be proven: " + (run.producers().size() - producersDone.size())
                                + " producer(s) never reported what they sent"
                        : Console.count(audit.unique()) + " of " + Console.count(produced) + " items found on results"
                                + (audit.lost() == 0 ? "" : "; missing per producer " + audit.lostByProducer())));
        checks.add(new Check("no unexpected results", audit.unexpected() == 0,
                Console.count(audit.unexpected()) + " results for sequence numbers no producer sent"));
        checks.add(conservationCheck(run, consumersDone));
        checks.add(deadLetterCheck(run, malformedCounted));
        checks.add(exitsCheck(run));
        boolean passed = checks.stream().allMatch(Check::passed);
        // An aborted run fails most checks as a consequence; the abort itself is the news.
        String verdict = passed ? "passed" : run.abortReason().map(reason -> "aborted: " + reason)
                .orElseGet(() -> checks.stream().filter(c -> !c.passed())
                        .map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("; ")));

        double perSec = audit.processingMs() == 0 ? 0 : audit.unique() * 1000.0 / audit.processingMs();
        return new RunReport(run.runId(), passed, verdict, produced, audit.unique(), audit.lost(), audit.duplicates(),
                audit.unexpected(), run.durationMs(), audit.processingMs(), Math.round(perSec * 10) / 10.0,
                audit.latencyMs(), run.drainMs(),
                new RunReport.Malformed(run.plan().malformed(), run.deadLetters().distinct(),
                        run.deadLetters().count(), malformedCounted,
                        run.deadLetters().sampleReasons()),
                settings(run), run.broker().map(b -> new RunReport.ProcessReport(b.name(), b.pid(),
                        b.exitCode().orElse(null))).orElse(null),
                run.producers().stream().map(p -> producer(p, producersDone.get(p.name()))).toList(),
                run.consumers().stream().map(c -> consumer(c, consumersDone.get(c.name()),
                        audit.uniqueByConsumer().getOrDefault(c.name(), 0L))).toList(),
                checks, run.runDir().toString());
    }

    private static Check producersCheck(RunObservations run, Map<String, ProducerDone> done) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < run.producers().size(); i++) {
            String id = run.producers().get(i).name();
            long planned = run.plan().itemsFor(i);
            ProducerDone report = done.get(id);
            if (report == null) {
                problems.add(id + " never reported done");
            } else if (report.sent() != planned || report.failed() != 0) {
                problems.add(id + " sent " + report.sent() + " of " + planned + ", " + report.failed() + " refused");
            }
        }
        return new Check("every item produced", problems.isEmpty(), problems.isEmpty()
                ? run.producers().size() + " producer(s), " + Console.count(run.plan().items()) + " items acknowledged by Kafka"
                : String.join("; ", problems));
    }

    private static Check conservationCheck(RunObservations run, Map<String, ConsumerDone> done) {
        List<String> problems = new ArrayList<>();
        for (ChildProcess consumer : run.consumers()) {
            ConsumerDone report = done.get(consumer.name());
            if (report == null) {
                problems.add(consumer.name() + " never reported its ledger");
            } else if (!report.ledger().conserved()) {
                problems.add(consumer.name() + " drifted by " + report.ledger().drift()
                        + " (total " + report.ledger().total() + ", expected " + report.ledger().expectedTotal() + ")");
            }
        }
        if (!problems.isEmpty() && run.plan().lockMode() == LockMode.UNSAFE) {
            problems.add("conservation failed because --lock-mode unsafe takes no locks: two workers that change one"
                    + " balance at once both read the old value, and the later write erases the earlier (lost updates)");
        }
        return new Check("ledger conserved", problems.isEmpty(), problems.isEmpty()
                ? run.consumers().size() + " consumer ledger(s), drift 0 (lock mode " + run.plan().lockMode().label()
                        + ")" : String.join("; ", problems));
    }

    private static Check deadLetterCheck(RunObservations run, long malformedCounted) {
        long injected = run.plan().malformed();
        DeadLetterCount dead = run.deadLetters();
        // At-least-once: a record dead-lettered before a rebalance may be dead-lettered again, so records are
        // counted by where they came from, and consumers may count a repeat.
        boolean ok = dead.distinct() == injected && malformedCounted >= injected && dead.withoutReason() == 0;
        return new Check("dead letters accounted for", ok, Console.count(injected) + " injected, "
                + Console.count(dead.distinct()) + " distinct on the dead-letter topic ("
                + Console.count(dead.count()) + " records), " + Console.count(malformedCounted)
                + " counted malformed by consumers"
                + (dead.withoutReason() > 0 ? ", " + dead.withoutReason() + " without a reason" : ""));
    }

    private static Check exitsCheck(RunObservations run) {
        List<String> bad = new ArrayList<>();
        List<ChildProcess> services = new ArrayList<>(run.producers());
        services.addAll(run.consumers());
        for (ChildProcess service : services) {
            Optional<Integer> code = service.exitCode();
            if (code.isEmpty()) {
                bad.add(service.name() + " still running");
            } else if (code.get() != 0) {
                bad.add(service.name() + " exited " + code.get());
            }
        }
        return new Check("clean exits", bad.isEmpty(), bad.isEmpty()
                ? services.size() + " service process(es) exited 0" : String.join("; ", bad));
    }

    private static RunReport.Settings settings(RunObservations run) {
        RunPlan plan = run.plan();
        return new RunReport.Settings(plan.producers(), plan.consumers(), plan.items(), run.layout() == null
                ? plan.partitions() : run.layout().partitions(), plan.payloadBytes(), plan.workers(), plan.generators(),
                plan.accounts(), plan.hotAccounts(), plan.lockMode().label(), plan.threads().label(),
                plan.work().toString(), run.bootstrap(), plan.bootstrap().isEmpty(),
                run.layout() == null ? List.of() : run.layout().notes());
    }

    private static RunReport.ProducerReport producer(ChildProcess process, ProducerDone done) {
        return new RunReport.ProducerReport(process.name(), process.pid(), done == null ? null : done.sent(),
                done == null ? null : done.failed(), process.exitCode().orElse(null));
    }

    private static RunReport.ConsumerReport consumer(ChildProcess process, ConsumerDone done, long unique) {
        LedgerTotals ledger = done == null ? null : done.ledger();
        return new RunReport.ConsumerReport(process.name(), process.pid(), unique,
                done == null ? null : done.processed(), done == null ? null : done.malformed(),
                done == null ? null : done.foreign(), done == null ? null : done.failed(),
                ledger == null ? null : new RunReport.LedgerReport(ledger.accounts(), ledger.total(),
                        ledger.expectedTotal(), ledger.drift(), ledger.conserved()),
                done == null ? null : done.stats(), process.exitCode().orElse(null));
    }
}
