package io.handoff.coordinator.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Whether a run's consumer group is ready for work: every expected member has joined and together they hold
 * every partition of the topic. Starting producers only then means no item waits for, or is repeated by,
 * the rebalances of consumers that join one after another.
 */
public final class GroupReadiness {

    private GroupReadiness() {
    }

    /** The group's state in one line, and whether it is ready. */
    public record Readiness(boolean ready, String state) {
    }

    public static Readiness check(Admin admin, String groupId, int members, String topic, int partitions)
            throws ExecutionException, InterruptedException {
        ConsumerGroupDescription group = admin.describeConsumerGroups(Set.of(groupId)).all().get().get(groupId);
        Set<TopicPartition> held = new HashSet<>();
        for (MemberDescription member : group.members()) {
            member.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic)).forEach(held::add);
        }
        boolean ready = group.groupState() == GroupState.STABLE && group.members().size() == members
                && held.size() == partitions;
        return new Readiness(ready, group.groupState() + ", " + group.members().size() + " of " + members
                + " members, " + held.size() + " of " + partitions + " partitions held");
    }
}
