package io.handoff.coordinator.run;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.kafka.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Optional;

/**
 * The Kafka side of one run, once prepared: the cluster, an admin client on it, the topics' layout, where each
 * partition stood before the run began (it reads from there), and the broker the run started itself, if it did.
 */
record RunKafka(KafkaEndpoint endpoint, Admin admin, TopicLayout layout, Map<TopicPartition, Long> start,
        Optional<RunBroker> broker) {

    RunKafka {
        start = Map.copyOf(start);
    }
}
