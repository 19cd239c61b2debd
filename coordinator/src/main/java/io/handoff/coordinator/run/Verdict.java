package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.AuditFigures;
import io.handoff.coordinator.audit.DeadLetterFigures;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.shared.config.LockMode;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.ProducerDone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Turns what a run observed into its report: the figures, and one check per invariant. */
final class Verdict {

    /** Exit codes of a process killed from outside: SIGKILL, SIGTERM, or a crash command. */
    private static final Set<Integer> KILLED = Set.of(137, 143);

    private Verdict() {
    }

    static RunReport judge(RunObservations run) {
        Map<String, ProducerDone> producersDone = run.producersDone();
        Map<String, ConsumerDone> consumersDone = run.consumersDone();
        AuditFigures audit = run.audit();
        long produced = run.acknowledged();
        long malformedCounted = consumersDone.values().stream().mapToLong(ConsumerDone::malformed).sum();

        List<Check> checks = new ArrayList<>();
        checks.add(new Check("run finished", run.abortReason().isEmpty(), run.abortReason().orElse("ended by plan")));
        checks.add(Checks.producers(run, producersDone));
        checks.add(new Check("lost = 0", audit.lost() == 0 && producersDone.size() == run.producers().size(),
                producersDone.size() < run.producers().size()
                        ? "cannot be proven: " + (run.producers().size() - producersDone.size())
                                + " producer(s) never reported what they sent"
                        : Console.count(audit.unique()) + " of " + Console.count(produced) + " items found on results"
                                + (audit.lost() == 0 ? "" : "; missing per producer " + audit.lostByProducer())));
        checks.add(new Check("no unexpected results", audit.unexpected() == 0,
                Console.count(audit.unexpected()) + " results for sequence numbers no producer sent"));
        checks.add(new Check("per-key order", audit.outOfOrder() == 0, audit.outOfOrder() == 0
                ? "every key's items applied in the order of their offsets"
                : Console.count(audit.outOfOrder()) + " items applied after a later item of their key: "
                        + String.join("; ", audit.outOfOrderSamples())));
        long repeatRisks = consumersDone.values().stream().mapToLong(ConsumerDone::repeatRisks).sum();
        if (run.outages().isEmpty() && run.joins().isEmpty() && run.plan().flow().workerCrashEvery() == 0
                && repeatRisks == 0 && !run.fault().mayRepeatWork()) {
            // No consumer lost, none added, no worker killed on purpose, and no consumer reports a hand-over that
            // could repeat work (a session that expired in a stall is a fault too): nothing may be done twice.
            checks.add(new Check("no duplicates without a fault", audit.duplicates() == 0,
                    Console.count(audit.duplicates()) + " items applied more than once"));
        } else if (repeatRisks > 0 && run.outages().isEmpty() && run.joins().isEmpty()) {
            checks.add(new Check("no duplicates without a fault", true, "not required: consumers report "
                    + repeatRisks + " hand-over(s) that may repeat work (a session expired, or work in hand at a "
                    + "revocation); " + Console.count(audit.duplicates()) + " items applied more than once"));
        }
        checks.add(sentinels(run, consumersDone));
        checks.add(conservation(run, consumersDone));
        checks.add(deadLetters(run, malformedCounted));
        checks.add(exits(run));
        if (!run.outages().isEmpty()) {
            checks.add(Checks.isolation(run, audit.duplicates()));
        }
        RunReport.History history = new RunReport.History(produced, audit.unique() - audit.unexpected(), audit.lost(),
                audit.duplicates(), audit.unexpected(), audit.outOfOrder(), run.fault().unacknowledged());
        RunReport.Malformed malformed = new RunReport.Malformed(run.deadLetters().expected(),
                run.deadLetters().distinct(), run.deadLetters().count(), malformedCounted,
                run.deadLetters().sampleReasons(), run.deadLetters().fates());
        checks.addAll(run.fault().checks(new Fault.Evidence(history, malformed, consumersDone, run.flow())));
        boolean passed = checks.stream().allMatch(Check::passed);
        // An aborted run fails most checks as a consequence; the abort itself is the news.
        String verdict = passed ? "passed" : run.abortReason().map(reason -> "aborted: " + reason)
                .orElseGet(() -> checks.stream().filter(c -> !c.passed())
                        .map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("; ")));

        double perSec = audit.processingMs() == 0 ? 0 : audit.unique() * 1000.0 / audit.processingMs();
        return new RunReport(run.runId(), run.plan().scenario(), passed, verdict, history, produced, audit.unique(),
                audit.lost(), audit.duplicates(),
                audit.unexpected(), run.durationMs(), audit.processingMs(), Math.round(perSec * 10) / 10.0,
                audit.latencyMs(), audit.steadyLatencyMs(), run.drainMs(), run.drain(), endedBySentinels(run, consumersDone) ? RunReport.EndedBy.SENTINELS : RunReport.EndedBy.INCOMPLETE,
                malformed,
                ReportParts.settings(run), run.broker().orElse(null),
                run.producers().stream().map(p -> ReportParts.producer(p, producersDone.get(p.name()))).toList(),
                run.consumers().stream().map(c -> ReportParts.consumer(c, consumersDone.get(c.name()),
                        audit.uniqueByConsumer().getOrDefault(c.name(), 0L))).toList(),
                run.flow(), run.outages(), run.joins(), run.fault().report(),
                new RunReport.Rejected(audit.unreadable(), audit.otherRuns(), run.statusUnreadable(), run.deadLetters().fromOutside(), run.deadLetters().notDeadLetters(),
                        controlRefused(producersDone, consumersDone)),
                checks, run.runDir().toString());
    }

    /**
     * Records on {@code control} its services refused, as the service that refused the most counted them: every
     * service reads the whole topic, so they count the same records, each as far as it read.
     */
    private static long controlRefused(Map<String, ProducerDone> producers, Map<String, ConsumerDone> consumers) {
        return java.util.stream.Stream.concat(producers.values().stream().map(ProducerDone::controlRefused),
                        consumers.values().stream().map(ConsumerDone::controlRefused))
                .mapToLong(counts -> counts.values().stream().mapToLong(Long::longValue).sum()).max().orElse(0);
    }

    private static Set<Integer> finished(Map<String, ConsumerDone> done) {
        return done.values().stream().flatMap(d -> d.finished().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean endedBySentinels(RunObservations run, Map<String, ConsumerDone> done) {
        return run.layout() != null && finished(done).size() == run.layout().partitions();
    }

    private static Check sentinels(RunObservations run, Map<String, ConsumerDone> done) {
        Set<Integer> finished = finished(done);
        int partitions = run.layout() == null ? run.plan().partitions() : run.layout().partitions();
        List<Integer> open = IntStream.range(0, partitions).filter(p -> !finished.contains(p)).boxed().toList();
        return new Check("ended by sentinels", open.isEmpty(), open.isEmpty()
                ? "all " + partitions + " partitions finished: every producer's sentinel seen, everything before it"
                        + " processed; drain " + Console.count(run.drainMs()) + " ms"
                : "partitions never finished by sentinels: " + open);
    }

    private static Check conservation(RunObservations run, Map<String, ConsumerDone> done) {
        List<String> problems = new ArrayList<>();
        List<String> died = new ArrayList<>();
        for (ProcessFacts consumer : run.consumers()) {
            ConsumerDone report = done.get(consumer.name());
            if (report == null) {
                died.add(consumer.name());
            } else if (!report.ledger().conserved()) {
                problems.add(consumer.name() + " drifted by " + report.ledger().drift()
                        + " (total " + report.ledger().total() + ", expected " + report.ledger().expectedTotal() + ")");
            }
        }
        if (done.isEmpty()) {
            problems.add("no consumer reported its ledger");
        }
        if (!problems.isEmpty() && run.plan().services().lockMode() == LockMode.UNSAFE) {
            problems.add("conservation failed because --lock-mode unsafe takes no locks: two workers that change one"
                    + " balance at once both read the old value, and the later write erases the earlier (lost updates)");
        }
        String deaths = died.isEmpty() ? "" : "; " + died + " died, its ledger with it";
        return new Check("ledger conserved", problems.isEmpty(), problems.isEmpty()
                ? done.size() + " consumer ledger(s), drift 0 (lock mode " + run.plan().services().lockMode().label() + ")" + deaths
                : String.join("; ", problems));
    }

    private static Check deadLetters(RunObservations run, long malformedCounted) {
        DeadLetterFigures dead = run.deadLetters();
        long injected = dead.expected();
        // At-least-once: a record dead-lettered before a rebalance may be dead-lettered again, so records are
        // counted by where they came from, and consumers may count a repeat.
        // Bad records from outside the run (anyone can write to items) are dead-lettered the same way; they are
        // reported, and fail nothing: the run answers for what it owns.
        boolean ok = dead.expectedSeen() == injected && malformedCounted >= injected && dead.withoutReason() == 0;
        return new Check("dead letters accounted for", ok, Console.count(injected) + " injected, "
                + Console.count(dead.expectedSeen()) + " of them on the dead-letter topic ("
                + Console.count(dead.count()) + " dead-letter records in all), " + Console.count(malformedCounted)
                + " counted malformed by consumers"
                + (dead.fromOutside() > 0 ? "; " + Console.count(dead.fromOutside())
                        + " more from outside the run, dead-lettered with their reasons" : "")
                + (dead.notDeadLetters() > 0 ? "; " + Console.count(dead.notDeadLetters())
                        + " records on the dead-letter topic not written by a consumer, ignored" : "")
                + (dead.withoutReason() > 0 ? ", " + dead.withoutReason() + " without a reason" : ""));
    }

    /** Every service process exited 0, except those killed on purpose or from outside, which are listed. */
    private static Check exits(RunObservations run) {
        List<String> bad = new ArrayList<>();
        List<String> killed = new ArrayList<>();
        int clean = 0;
        for (ProcessFacts service : run.history()) {
            Integer code = service.exitCode();
            if (service.killed() || (code != null && KILLED.contains(code) && !ServiceSettings.isProducer(service.name()))) {
                killed.add(service.name() + " pid " + service.pid());
            } else if (code == null) {
                bad.add(service.name() + " still running");
            } else if (code != 0) {
                bad.add(service.name() + " exited " + code);
            } else {
                clean++;
            }
        }
        String kills = killed.isEmpty() ? "" : "; killed: " + String.join(", ", killed);
        return new Check("clean exits", bad.isEmpty(), bad.isEmpty()
                ? clean + " service process(es) exited 0" + kills : String.join("; ", bad) + kills);
    }
}
