package io.handoff.coordinator.run;

import io.handoff.coordinator.audit.DeadLetterCount;
import io.handoff.coordinator.audit.ItemTally;
import io.handoff.coordinator.audit.MalformedInjector;
import io.handoff.coordinator.audit.ResultAudit;
import io.handoff.coordinator.audit.StatusBoard;
import io.handoff.coordinator.kafka.ControlPublisher;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.kafka.StartOffsets;
import io.handoff.coordinator.kafka.TopicTail;
import io.handoff.coordinator.process.ServiceProcess;
import io.handoff.coordinator.scenario.Event;
import io.handoff.coordinator.scenario.FaultScene;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.ConsumerProgress;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Rate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * One run as its scenario's fault sees it: what it may act on (the broker, the service processes, the items
 * topic) and what it may look at (counts, results per partition, commits). Every question to the broker has a
 * deadline: the broker may be the thing the fault took away.
 */
final class RunScene implements FaultScene {

    /** How long a run waits for the broker's answer to a question it asks every tick. */
    static final Duration TICK_QUESTION_TIMEOUT = Duration.ofSeconds(2);

    private final String runId;
    private final RunPlan plan;
    private final KafkaEndpoint kafka;
    private final Admin admin;
    private final int partitions;
    private final List<Integer> partitionList;
    private final Map<TopicPartition, Long> start;
    private final Optional<RunBroker> broker;
    private final ServiceSettings settings;
    private final ServiceFleet fleet;
    private final StatusBoard board;
    private final ResultAudit audit;
    private final DeadLetterCount deadLetters;
    private final RunEvents events;
    private final java.nio.file.Path runDir;
    /** What producers were last told, for one started again (it would not hear the command); the run's thread only. */
    private int producerRate;
    /** The items tail and what it counted, when the run audits items; null otherwise. */
    private final TopicTail itemsTail;
    private final ItemTally tally;
    /** The run's samples of written and processed, taken each tick before the fault's turn. */
    private final FlowMeter flow;
    /** Every consumer's death goes through it, and it measures the outage of those a fault asks to be measured. */
    private final OutageWatch outages;

    RunScene(RunSetup setup, ServiceSettings settings, ServiceFleet fleet, RunReaders readers, RunEvents events,
            FlowMeter flow, OutageWatch outages) {
        this.runId = setup.runId();
        this.runDir = setup.runDir();
        this.plan = setup.plan();
        this.producerRate = plan.flow().ratePerSecond();
        this.kafka = setup.kafka().endpoint();
        this.admin = setup.kafka().admin();
        this.partitions = setup.kafka().layout().partitions();
        this.partitionList = IntStream.range(0, partitions).boxed().toList();
        this.start = setup.kafka().start();
        this.broker = setup.kafka().broker();
        this.settings = settings;
        this.fleet = fleet;
        this.board = readers.board();
        this.audit = readers.audit();
        this.deadLetters = readers.deadLetters();
        this.events = events;
        this.itemsTail = readers.itemsTail();
        this.tally = readers.tally();
        this.flow = flow;
        this.outages = outages;
    }

    @Override
    public Optional<BrokerControl> broker() {
        return broker.map(b -> b);
    }

    @Override
    public void tell(Event event) {
        events.tell(event);
    }

    /**
     * Items on {@code items} since the run began: records, less the sentinels of producers that are done; -1
     * when the broker does not answer in time (it may be down: a fault).
     */
    @Override
    public long itemsWritten() {
        Optional<Map<TopicPartition, Long>> now = itemsEnd();
        if (now.isEmpty()) {
            return -1;
        }
        long records = now.get().entrySet().stream()
                .mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L)).sum();
        return records - (long) board.producersDone().size() * now.get().size();
    }

    private Optional<Map<TopicPartition, Long>> itemsEnd() {
        if (broker.map(RunBroker::down).orElse(false)) {
            return Optional.empty(); // asking would only wait out the deadline
        }
        try {
            return Optional.of(StartOffsets.endOf(admin, Topics.ITEMS, partitions, TICK_QUESTION_TIMEOUT));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public long processed() {
        return audit.unique();
    }

    @Override
    public long processedInLastSecond() {
        return flow.processedInLastSecond();
    }

    @Override
    public boolean everyPartitionFlowingSince(long atMs) {
        return audit.progressedSince(partitionList, atMs);
    }

    /** Results at or past the group's committed offsets, by any consumer process; -1 if the broker does not answer. */
    @Override
    public long uncommitted() {
        try {
            return audit.redoWindowOfAll(StartOffsets.committed(admin, RunIds.consumerGroup(runId), Topics.ITEMS,
                    TICK_QUESTION_TIMEOUT));
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public Map<String, Long> servicePids() {
        Map<String, Long> pids = new TreeMap<>();
        fleet.producers().forEach(p -> pids.put(p.name(), p.pid()));
        fleet.consumers().forEach(c -> pids.put(c.name(), c.pid()));
        return pids;
    }

    @Override
    public void injectMalformed(int count) throws ExecutionException, InterruptedException {
        Map<String, MalformedInjector.BadRecord> written = MalformedInjector.inject(kafka, runId, count, partitions);
        deadLetters.expect(written);
        events.tell(new RunEvent.PoisonInjected(written.size(), partitions));
    }

    @Override
    public long freezeConsumer(String instance, boolean frozen) throws InterruptedException {
        ServiceProcess consumer = current(fleet.consumers(), instance);
        if (!Signals.send(consumer.pid(), frozen ? "STOP" : "CONT")) {
            throw new IllegalStateException(instance + " (pid " + consumer.pid() + ") ended before it could be "
                    + (frozen ? "frozen" : "let go"));
        }
        return consumer.pid();
    }

    @Override
    public long sessionTimeoutMs() {
        return settings.sessionTimeoutMs();
    }

    @Override
    public Map<String, Long> consumerPids() {
        Map<String, Long> pids = new TreeMap<>();
        fleet.consumers().forEach(c -> pids.put(c.name(), c.pid()));
        return pids;
    }

    @Override
    public List<Integer> heldBy(String instance) {
        ConsumerProgress progress = board.consumerProgress().get(instance);
        long pid = consumerPids().getOrDefault(instance, -1L);
        return progress == null || progress.pid() != pid ? List.of() : progress.assigned();
    }

    @Override
    public long killProducer(String instance) throws ExecutionException, InterruptedException {
        ServiceProcess producer = current(fleet.producers(), instance);
        String how = fleet.kill(producer);
        producer.awaitExit(Duration.ofSeconds(15));
        events.tell(new RunEvent.Killed(how, producer.name(), producer.pid()));
        return producer.pid();
    }

    @Override
    public long restartProducer(String instance, long firstSeq) {
        ServiceProcess fresh = fleet.restartProducer(instance, firstSeq, producerRate);
        events.tell(new RunEvent.Restarted(fresh.name(), fresh.pid()));
        return fresh.pid();
    }

    @Override
    public void setProducerRate(int perSecond) throws ExecutionException, InterruptedException {
        ControlPublisher.send(kafka, new Rate(runId, ControlCommand.EVERYONE, System.currentTimeMillis(), perSecond));
        producerRate = perSecond;
    }

    @Override
    public long killAndRestartConsumer(String instance) throws ExecutionException, InterruptedException {
        return outages.killAndRestart(current(fleet.consumers(), instance)).pid();
    }

    @Override
    public boolean killConsumerAtWork() throws ExecutionException, InterruptedException {
        return outages.killOne(System.nanoTime(), false);
    }

    @Override
    public boolean outageUnderWay() {
        return outages.following();
    }

    @Override
    public java.nio.file.Path runDir() {
        return runDir;
    }

    @Override
    public long historyBytes() {
        return audit.historyBytes() + (tally == null ? 0 : tally.historyBytes());
    }

    @Override
    public OptionalLong highestSeqOnItems(String producer) {
        return tally == null ? OptionalLong.empty() : tally.highest(producer);
    }

    @Override
    public boolean itemsReadToEnd() {
        Optional<Map<TopicPartition, Long>> end = itemsTail == null ? Optional.empty() : itemsEnd();
        return end.isPresent() && itemsTail.hasReached(end.get());
    }

    @Override
    public long neverAcknowledged(String producer, long before) {
        return tally == null ? 0 : tally.neverAcknowledged(producer, before);
    }

    @Override
    public String joinConsumer() {
        ServiceProcess joined = fleet.addConsumer();
        events.tell(new RunEvent.ConsumerJoined(joined.name(), joined.pid()));
        return joined.name();
    }

    @Override
    public boolean retireConsumer(String instance) throws InterruptedException {
        ServiceProcess leaving = current(fleet.consumers(), instance);
        if (!leaving.isAlive()) {
            return false;
        }
        fleet.endingOnPurpose(leaving);
        if (!Signals.send(leaving.pid(), "TERM")) {
            return false;
        }
        events.tell(new RunEvent.ConsumerLeft(leaving.name(), leaving.pid()));
        return true;
    }

    @Override
    public long reportedUncommitted() {
        Map<String, Long> pids = consumerPids();
        return board.consumerProgress().values().stream()
                .filter(p -> pids.getOrDefault(p.instanceId(), -1L) == p.pid())
                .mapToLong(ConsumerProgress::uncommitted).sum();
    }

    private static ServiceProcess current(List<ServiceProcess> processes, String instance) {
        return processes.stream().filter(p -> p.name().equals(instance)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service instance " + instance));
    }
}
