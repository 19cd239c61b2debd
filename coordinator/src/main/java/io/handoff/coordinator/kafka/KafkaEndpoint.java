package io.handoff.coordinator.kafka;

import io.handoff.shared.auth.ControlKey;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Kafka cluster the coordinator talks to, the plain clients it uses there, and the key that seals its
 * commands on {@code control} there (services and agents obey only what it sealed).
 *
 * @param security Kafka's client security settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) for
 *                 every client made here, from the same environment variables the services read
 *                 ({@link ClientSecurity})
 */
public record KafkaEndpoint(String bootstrapServers, ControlKey controlKey, Map<String, Object> security) {

    public KafkaEndpoint {
        java.util.Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        java.util.Objects.requireNonNull(controlKey, "controlKey");
        security = Map.copyOf(security);
    }

    /** Never the JAAS line, the passwords or the key: the address and the settings' names. */
    @Override
    public String toString() {
        return "KafkaEndpoint[" + bootstrapServers + ", " + ClientSecurity.describe(security) + ", " + controlKey + "]";
    }

    /** The cluster, with the security settings of this process's environment. */
    public KafkaEndpoint(String bootstrapServers, ControlKey controlKey) {
        this(bootstrapServers, controlKey, ClientSecurity.fromEnvironment(System.getenv()));
    }

    /** A cluster that could not be reached; the message says where and how long it was tried. */
    public static final class UnreachableException extends Exception {
        public UnreachableException(String message) {
            super(message);
        }
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>();
        config.putAll(security);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    public Admin admin() {
        Map<String, Object> config = common();
        // Fail a call within seconds rather than Kafka's default minute, so errors reach the user quickly.
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    /** The most a reader's fetch brings of one partition, and of all of them together. */
    static final int READER_PARTITION_FETCH_BYTES = 256 * 1024;
    static final int READER_FETCH_BYTES = 1024 * 1024;

    /** A consumer with no group: the coordinator assigns partitions and seeks itself, and commits nothing. */
    public KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        // What a reader holds fetched and not yet handed out stays small. Kafka's defaults let a fetch bring 1 MiB
        // a partition and 50 MiB in all; the coordinator's tails (results, status, dead letters) then hold more the
        // faster the run: its heap after GC was 28 MiB during a soak's full-speed calibration and 17-20 MiB at
        // half speed, and a soak read a 10 MiB rise at a faster moment as growth. A reader hands on at once what
        // it fetched, so smaller fetches cost it requests, not pace.
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, READER_PARTITION_FETCH_BYTES);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, READER_FETCH_BYTES);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public KafkaProducer<byte[], byte[]> writer() {
        Map<String, Object> config = common();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Waits until the cluster answers, for at most {@code timeout}; {@code stillWorthWaiting} ends the wait
     * early, e.g. when the broker process it waits for has died.
     */
    public void awaitReachable(Duration timeout, java.util.function.BooleanSupplier stillWorthWaiting)
            throws UnreachableException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = "no answer";
        Admin admin;
        try {
            admin = admin();
        } catch (KafkaException e) {
            // e.g. a bootstrap address that does not resolve: the client refuses at once
            throw new UnreachableException("cannot use Kafka at " + bootstrapServers + ": " + rootMessage(e));
        }
        try {
            while (System.nanoTime() < deadline && stillWorthWaiting.getAsBoolean()) {
                try {
                    admin.describeCluster().nodes().get(1, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AuthenticationException refused) {
                        // Waiting longer will not change the answer: say so now, with what was tried.
                        throw new UnreachableException("Kafka at " + bootstrapServers + " refused this client's "
                                + "credentials (" + ClientSecurity.describe(security) + "): " + refused.getMessage()
                                + "; check KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG");
                    }
                    lastError = e.getCause().getMessage();
                } catch (TimeoutException e) {
                    lastError = "no answer";
                }
            }
        } finally {
            // Do not wait for the calls still pending against a broker that is not there.
            admin.close(Duration.ZERO);
        }
        String hint = lastError.contains("thread has exited")
                ? "the client failed on the answer it got: is something other than Kafka listening there?"
                : lastError;
        throw new UnreachableException("cannot reach Kafka at " + bootstrapServers + " within "
                + timeout.toSeconds() + " s (" + hint + ")");
    }

    /**
     * The shortest consumer session the cluster accepts ({@code group.min.session.timeout.ms} of one broker),
     * or Kafka's default floor when it cannot be read.
     */
    public static long minSessionTimeoutMs(Admin admin) {
        try {
            String broker = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).iterator().next().idString();
            org.apache.kafka.common.config.ConfigResource resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.BROKER, broker);
            return Long.parseLong(admin.describeConfigs(java.util.List.of(resource)).all().get(10, TimeUnit.SECONDS)
                    .get(resource).get("group.min.session.timeout.ms").value());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return 6_000;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 6_000;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
