package io.handoff.coordinator.kafka;

import io.handoff.shared.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Makes sure the contract's topics exist with at least the partitions the run asks for. Existing topics are
 * reused, never deleted: their records stay readable by anyone, and each run tells its own apart by run id
 * and by the offsets it started at.
 */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static TopicLayout ensure(Admin admin, int partitions) throws ExecutionException, InterruptedException {
        return ensure(admin, partitions, Map.of());
    }

    /**
     * The same, with topic settings for the partitioned topics it creates (such as a retention); topics that
     * already exist keep their own, and the notes say so.
     */
    public static TopicLayout ensure(Admin admin, int partitions, Map<String, String> partitionedConfigs)
            throws ExecutionException, InterruptedException {
        List<String> notes = new ArrayList<>();
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : Topics.PARTITIONED) {
            if (!existing.contains(topic)) {
                // Empty replication factor: the cluster's default, 1 on the embedded broker.
                missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(partitionedConfigs));
            } else if (!partitionedConfigs.isEmpty()) {
                notes.add(topic + " exists: its own settings stand, not " + partitionedConfigs);
            }
        }
        missing.addAll(singlesMissing(existing));
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
            notes.add("created " + missing.stream().map(NewTopic::name).toList());
        }
        int actual = partitions;
        Map<String, TopicDescription> described = admin.describeTopics(Topics.PARTITIONED).allTopicNames().get();
        for (TopicDescription topic : described.values()) {
            int has = topic.partitions().size();
            if (has < partitions) {
                admin.createPartitions(Map.of(topic.name(), NewPartitions.increaseTo(partitions))).all().get();
                notes.add("grew " + topic.name() + " from " + has + " to " + partitions + " partitions");
            } else if (has > partitions) {
                // Kafka cannot shrink a topic; the run uses what is there and says so.
                notes.add(topic.name() + " already has " + has + " partitions (asked " + partitions + "); using " + has);
                actual = Math.max(actual, has);
            }
        }
        awaitVisible(admin, Topics.PARTITIONED, actual);
        return new TopicLayout(actual, notes);
    }

    /**
     * Creates the single-partition topics (control, status, dead letters) if they are missing: what agents
     * and a serving coordinator need before any run has set up the rest.
     */
    public static void ensureSingles(Admin admin) throws ExecutionException, InterruptedException {
        List<NewTopic> missing = singlesMissing(admin.listTopics().names().get());
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another agent creating the same topic at the same moment is fine; anything else is not
                }
            }
        }
        awaitVisible(admin, Topics.SINGLE, 1);
    }

    private static List<NewTopic> singlesMissing(Set<String> existing) {
        return Topics.SINGLE.stream().filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, Optional.of(1), Optional.empty())).toList();
    }

    /**
     * Waits until the cluster's metadata shows each topic with at least {@code partitions} partitions, offsets
     * and all: new topics and partitions appear a moment after Kafka accepts them, and offsets read before
     * then would miss them.
     */
    private static void awaitVisible(Admin admin, List<String> topics, int partitions)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!visible(admin, topics, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " did not show " + partitions
                        + " partition(s) each within 30 s");
            }
            Thread.sleep(100); // metadata propagation has no event to wait on; a short poll, bounded above
        }
    }

    private static boolean visible(Admin admin, List<String> topics, int partitions)
            throws ExecutionException, InterruptedException {
        try {
            Map<String, Long> shown = StartOffsets.endOf(admin, topics).keySet().stream()
                    .collect(Collectors.groupingBy(TopicPartition::topic, Collectors.counting()));
            return topics.stream().allMatch(topic -> shown.getOrDefault(topic, 0L) >= partitions);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // not in this broker's metadata yet
            }
            throw e;
        }
    }
}
