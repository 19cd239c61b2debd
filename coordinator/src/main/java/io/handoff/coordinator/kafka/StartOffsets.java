package io.handoff.coordinator.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Where each topic ended when a run began. Everything the run reads starts here, so records of earlier
 * runs on the same cluster never count in this one.
 */
public final class StartOffsets {

    private StartOffsets() {
    }

    /** The current end offset of every partition of the given topics. */
    public static Map<TopicPartition, Long> endOf(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(topic ->
                topic.partitions().forEach(p -> request.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(request).all().get();
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * The end offset of each of a topic's partitions, asked for with a deadline: a run looks every half second,
     * and must not hang for the client's default minute while a broker is down.
     */
    public static Map<TopicPartition, Long> endOf(Admin admin, String topic, int partitions, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        int ms = Math.toIntExact(timeout.toMillis());
        return admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(ms)).all().get(ms, TimeUnit.MILLISECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The offsets a consumer group has committed on a topic, by partition, asked for with a deadline. */
    public static Map<Integer, Long> committed(Admin admin, String groupId, String topic, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        int ms = Math.toIntExact(timeout.toMillis());
        return admin.listConsumerGroupOffsets(groupId, new ListConsumerGroupOffsetsOptions().timeoutMs(ms))
                .partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS).entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    /**
     * Commits the given offsets for a consumer group that does not exist yet. Its consumers then start exactly
     * there, whatever their {@code auto.offset.reset}, and a partition that changes hands mid-run resumes
     * from the last commit instead of from either end of the topic.
     */
    public static void commitForGroup(Admin admin, String groupId, Map<TopicPartition, Long> offsets)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> commits = offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        admin.alterConsumerGroupOffsets(groupId, commits).all().get();
    }

    /** The offsets a consumer group has committed on a topic, by partition. */
    public static Map<Integer, Long> committed(Admin admin, String groupId, String topic)
            throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    /** The subset of {@code offsets} that belongs to one topic. */
    public static Map<TopicPartition, Long> of(String topic, Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
