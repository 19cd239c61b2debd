package io.handoff.coordinator.kafka;

import io.handoff.shared.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Makes sure the contract's topics exist with at least the partitions the run asks for. Existing topics are
 * reused, never deleted: their records stay readable by anyone, and each run tells its own apart by run id
 * and by the offsets it started at.
 */
public final class TopicSetup {

    private TopicSetup() {
    }

    public static TopicLayout ensure(Admin admin, int partitions) throws ExecutionException, InterruptedException {
        List<String> notes = new ArrayList<>();
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : Topics.PARTITIONED) {
            if (!existing.contains(topic)) {
                // Empty replication factor: the cluster's default, 1 on the embedded broker.
                missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
            }
        }
        for (String topic : Topics.SINGLE) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, Optional.of(1), Optional.empty()));
            }
        }
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
        return new TopicLayout(actual, notes);
    }
}
