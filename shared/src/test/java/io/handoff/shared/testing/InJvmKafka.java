package io.handoff.shared.testing;

import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.Sentinel;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real Kafka broker (KRaft, combined broker and controller) inside the test JVM, from Kafka's own
 * test kit: the same broker code as production, without Docker.
 */
public final class InJvmKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private InJvmKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts a one-node cluster and waits until it accepts clients. */
    public static InJvmKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new InJvmKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates the contract's topics: {@code partitions} for items and results, one for the others. */
    public void createContractTopics(int partitions) throws Exception {
        try (Admin admin = admin()) {
            List<NewTopic> topics = Stream.concat(
                    Topics.PARTITIONED.stream().map(name -> new NewTopic(name, partitions, (short) 1)),
                    Topics.SINGLE.stream().map(name -> new NewTopic(name, 1, (short) 1))).toList();
            admin.createTopics(topics).all().get();
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** The consumer group's committed offsets on {@code topic}, by partition (partitions without one left out). */
    public Map<Integer, Long> committedOffsets(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    /** The end offset of each of the topic's {@code partitions} partitions. */
    public Map<Integer, Long> endOffsets(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    /** Writes raw records and waits until the broker has acknowledged them all. */
    public void send(String topic, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        send(topic, records, Map.of());
    }

    /** The same, with producer settings of the test's own (compression, a larger request size). */
    public void send(String topic, List<ProducerRecord<byte[], byte[]>> records, Map<String, Object> settings)
            throws Exception {
        Properties props = new Properties();
        props.putAll(settings);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new java.util.ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            for (var acknowledged : sent) {
                acknowledged.get(); // a record the broker refused fails the test here, not later by its absence
            }
        }
    }

    /**
     * Reads every partition of a topic from the beginning until {@code done} holds for what was read,
     * or the timeout passes; returns what was read either way, for the test to assert on.
     */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
            Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    /** Whether a record of {@code items} is a producer's sentinel rather than an item. */
    public static boolean isSentinel(ConsumerRecord<byte[], byte[]> record) {
        org.apache.kafka.common.header.Header kind = record.headers().lastHeader(Sentinel.KIND_HEADER);
        return kind != null && Sentinel.KIND.equals(new String(kind.value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A sentinel record, as a producer writes it, for the given partition. */
    public static ProducerRecord<byte[], byte[]> sentinel(String runId, String producerId, long sent, int partition) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.ITEMS, partition,
                producerId.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new io.handoff.shared.kafka.JsonSerializer<Sentinel>().serialize(Topics.ITEMS,
                        new Sentinel(runId, producerId, sent, partition, System.currentTimeMillis())));
        record.headers().add(Sentinel.KIND_HEADER, Sentinel.KIND.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return record;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
