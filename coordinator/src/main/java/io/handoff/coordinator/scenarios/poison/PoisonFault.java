package io.handoff.coordinator.scenarios.poison;

import io.handoff.coordinator.audit.DeadLetterFigures;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.report.RunReport.Check;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.FaultScene;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Writes bad records into {@code items} in the middle of the stream, then waits until every partition has
 * carried on past them. Its checks read what became of each bad record: dead-lettered, with a reason that names
 * what was wrong.
 */
final class PoisonFault implements Fault {

    /** What a consumer's reason must say for each kind: the parse error, the missing fields, the bad amount. */
    private static final Map<String, String> REASON_NAMES = Map.of(
            "garbage bytes", "json",
            "JSON, but not an item", "item",
            "an item with a negative amount", "amount");

    private final int count;
    private final Duration after;
    private long startedNanos;
    private long injectedAtMs;
    private long injectedAtNanos;
    private Long carriedOnMs;

    PoisonFault(int count, Duration after) {
        this.count = count;
        this.after = after;
    }

    @Override
    public void started(FaultScene scene, long nowNanos) {
        startedNanos = nowNanos;
    }

    @Override
    public void tick(FaultScene scene, long nowNanos, boolean draining) throws ExecutionException, InterruptedException {
        if (injectedAtMs == 0 && !draining && nowNanos - startedNanos >= after.toNanos()) {
            injectedAtMs = System.currentTimeMillis();
            injectedAtNanos = nowNanos;
            scene.injectMalformed(count);
        } else if (injectedAtMs > 0 && carriedOnMs == null && scene.everyPartitionFlowingSince(injectedAtMs)) {
            carriedOnMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - injectedAtNanos);
        }
    }

    /** The stop waits until the bad records are in and every partition has carried on past them. */
    @Override
    public boolean pending() {
        return carriedOnMs == null;
    }

    @Override
    public List<RunReport.FaultReport> report() {
        return injectedAtMs == 0 ? List.of() : List.of(new RunReport.FaultReport(Poison.NAME, count
                + " bad records mid-stream", -1, injectedAtMs, null, carriedOnMs, "written among the items; every "
                + "partition carried on past them" + (carriedOnMs == null ? ": never seen" : "")));
    }

    @Override
    public List<Check> checks(Evidence evidence) {
        RunReport.Malformed bad = evidence.malformed();
        List<DeadLetterFigures.Fate> fates = bad.fates();
        List<String> wrong = fates.stream().filter(f -> !f.deadLettered() || f.reason() == null
                        || !f.reason().toLowerCase(java.util.Locale.ROOT).contains(REASON_NAMES.getOrDefault(f.kind(), "")))
                .map(f -> f.origin() + " (" + f.kind() + "): " + (f.deadLettered() ? "reason '" + f.reason() + "'"
                        : "never dead-lettered"))
                .limit(5).toList();
        Map<String, Long> byKind = fates.stream().collect(Collectors.groupingBy(DeadLetterFigures.Fate::kind,
                TreeMap::new, Collectors.counting()));
        boolean all = fates.size() == bad.injected() && bad.injected() == Poison.BEFORE + count;
        return List.of(
                new Check("every bad record dead-lettered with its reason", all && wrong.isEmpty(), !all
                        ? bad.injected() + " bad records written, " + fates.size() + " followed; expected "
                                + (Poison.BEFORE + count)
                        : wrong.isEmpty() ? fates.size() + " bad records (" + byKind + "), each on the dead-letter"
                                + " topic with a reason that names what was wrong"
                        : String.join("; ", wrong)),
                new Check("no reader stopped", carriedOnMs != null, carriedOnMs == null
                        ? "not every partition had a result after the bad records mid-stream"
                        : "every partition had results " + Console.count(carriedOnMs) + " ms after " + count
                                + " bad records mid-stream"));
    }
}
