package io.handoff.shared.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts an {@link InJvmKafka} with the contract's topics before a {@code @QuarkusTest} boots the service,
 * and points the service at it. Tests reach the broker through {@link #kafka()}.
 */
public class InJvmKafkaResource implements QuarkusTestResourceLifecycleManager {

    /** Partitions of items and results in service tests. */
    public static final int PARTITIONS = 3;

    private static volatile InJvmKafka kafka;

    public static InJvmKafka kafka() {
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        try {
            kafka = InJvmKafka.start();
            kafka.createContractTopics(PARTITIONS);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-JVM Kafka broker", e);
        }
    }
}
