package io.handoff.coordinator.scenario;

import io.handoff.coordinator.report.RunReport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A scene with no run behind it, for a fault's unit test: it records every strike asked of it, and answers with
 * what the test set. What a test does not set is refused, so that a fault that reaches for more than its test
 * expects fails loudly. Nothing here starts a process or a broker.
 */
public class FakeScene implements FaultScene {

    /** Every strike and every event, in order, as short lines: {@code "kill consumer"}, {@code "broker killed"}. */
    public final List<String> strikes = new ArrayList<>();
    public final List<Event> told = new ArrayList<>();
    /** Whether a consumer is at work to be killed. */
    public boolean consumerAtWork = true;
    /** Whether the engine still measures an outage. */
    public boolean outageUnderWay;
    public long itemsWritten;
    public long processed;
    public long uncommitted;
    public long reportedUncommitted;
    public long processedInLastSecond;
    /** Whether every partition has flowed since any moment asked about. */
    public boolean flowing;
    /** Each service instance's current pid, in the order they started. */
    public final Map<String, Long> consumerPids = new LinkedHashMap<>();
    public final Map<String, Long> producerPids = new LinkedHashMap<>();
    private int nextConsumer = 2;

    public FakeScene() {
        consumerPids.put("consumer-0", 100L);
        consumerPids.put("consumer-1", 101L);
        producerPids.put("producer-0", 10L);
        producerPids.put("producer-1", 11L);
    }
    public Optional<FakeBroker> broker = Optional.of(new FakeBroker());
    /** Whether {@code items} has been read to its end, and each producer's highest number there. */
    public boolean itemsReadToEnd;
    public final Map<String, Long> highestSeqOnItems = new LinkedHashMap<>();
    /** What {@link #neverAcknowledged} answers. */
    public long neverAcknowledged;
    /** The partitions each consumer last reported holding. */
    public final Map<String, List<Integer>> held = new LinkedHashMap<>();

    /** A broker that is killed and restarted in name only. */
    public final class FakeBroker implements BrokerControl {
        private long pid = 500;
        private boolean down;

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public boolean down() {
            return down;
        }

        @Override
        public void kill() {
            down = true;
            strikes.add("broker killed");
        }

        @Override
        public void freeze(boolean frozen) {
            down = frozen;
            strikes.add(frozen ? "broker frozen" : "broker thawed");
        }

        @Override
        public Duration restart() {
            down = false;
            pid++;
            strikes.add("broker restarted");
            return Duration.ofMillis(900);
        }
    }

    /** The evidence of a finished run whose history is {@code history}, with nothing else of note. */
    public static Fault.Evidence evidence(RunReport.History history) {
        return new Fault.Evidence(history, new RunReport.Malformed(0, 0, 0, 0, List.of(), List.of()), Map.of(),
                new RunReport.FlowReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    /** A clean history of {@code items}: every one acknowledged and applied once. */
    public static RunReport.History clean(long items) {
        return new RunReport.History(items, items, 0, 0, 0, 0, 0);
    }

    @Override
    public Optional<BrokerControl> broker() {
        return broker.map(b -> b);
    }

    @Override
    public void tell(Event event) {
        told.add(event);
    }

    @Override
    public long itemsWritten() {
        return itemsWritten;
    }

    @Override
    public long processed() {
        return processed;
    }

    @Override
    public boolean everyPartitionFlowingSince(long atMs) {
        return flowing;
    }

    @Override
    public long uncommitted() {
        return uncommitted;
    }

    @Override
    public Map<String, Long> servicePids() {
        Map<String, Long> all = new LinkedHashMap<>(producerPids);
        all.putAll(consumerPids);
        return all;
    }

    @Override
    public void injectMalformed(int count) {
        strikes.add("inject " + count);
    }

    @Override
    public long freezeConsumer(String instance, boolean frozen) {
        strikes.add((frozen ? "freeze " : "thaw ") + instance);
        return consumerPids.get(instance);
    }

    @Override
    public boolean killConsumerAtWork() {
        if (!consumerAtWork || outageUnderWay) {
            return false;
        }
        strikes.add("kill consumer");
        outageUnderWay = true;
        return true;
    }

    @Override
    public boolean outageUnderWay() {
        return outageUnderWay;
    }

    @Override
    public long sessionTimeoutMs() {
        return 6_000;
    }

    @Override
    public Map<String, Long> consumerPids() {
        return new LinkedHashMap<>(consumerPids);
    }

    @Override
    public List<Integer> heldBy(String instance) {
        return held.getOrDefault(instance, List.of());
    }

    @Override
    public long killProducer(String instance) {
        strikes.add("kill " + instance);
        return producerPids.get(instance);
    }

    @Override
    public long restartProducer(String instance, long firstSeq) {
        strikes.add("restart " + instance + " at #" + firstSeq);
        return producerPids.merge(instance, 1000L, Long::sum);
    }

    @Override
    public void setProducerRate(int perSecond) {
        strikes.add("rate " + perSecond);
    }

    @Override
    public long killAndRestartConsumer(String instance) {
        strikes.add("kill and restart " + instance);
        return consumerPids.merge(instance, 1000L, Long::sum);
    }

    @Override
    public Path runDir() {
        throw new UnsupportedOperationException("runDir: not set by this test");
    }

    @Override
    public long historyBytes() {
        throw new UnsupportedOperationException("historyBytes: not set by this test");
    }

    @Override
    public OptionalLong highestSeqOnItems(String producer) {
        Long highest = highestSeqOnItems.get(producer);
        return highest == null ? OptionalLong.empty() : OptionalLong.of(highest);
    }

    @Override
    public boolean itemsReadToEnd() {
        return itemsReadToEnd;
    }

    @Override
    public long neverAcknowledged(String producer, long before) {
        return neverAcknowledged;
    }

    @Override
    public String joinConsumer() {
        String name = "consumer-" + nextConsumer++;
        consumerPids.put(name, 1_000_000_000L + nextConsumer); // above any pid_max: never a live process here
        strikes.add("join " + name);
        return name;
    }

    @Override
    public boolean retireConsumer(String instance) {
        strikes.add("retire " + instance);
        return consumerPids.remove(instance) != null;
    }

    @Override
    public long reportedUncommitted() {
        return reportedUncommitted;
    }

    @Override
    public long processedInLastSecond() {
        return processedInLastSecond;
    }
}
