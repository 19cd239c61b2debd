package io.handoff.coordinator.cli;

import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.shared.auth.ControlKey;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --bootstrap} and {@code --wait-for-kafka}: the options of the commands that join a cluster the
 * platform runs ({@code serve}, {@code agent}), where Kafka may still be starting when they do.
 */
final class KafkaOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "the Kafka cluster (default: $KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrap;

    @Option(names = "--wait-for-kafka", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationConverter.class, description = "how long to wait for Kafka to answer at start")
    Duration waitForKafka;

    /**
     * The control key these commands must share with each other: the serving coordinator seals with it, agents
     * and their services check with it. Required, so that a platform can never run with commands anyone may send.
     */
    ControlKey controlKey(CommandLine.Model.CommandSpec spec) {
        try {
            return ControlKey.fromEnvironment(System.getenv()).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "no control key: " + ControlKey.HOW));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The cluster, once it answers. */
    KafkaEndpoint awaitReachable(ControlKey controlKey) throws KafkaEndpoint.UnreachableException, InterruptedException {
        KafkaEndpoint kafka = new KafkaEndpoint(bootstrap, controlKey);
        kafka.awaitReachable(waitForKafka, () -> true);
        return kafka;
    }
}
