package io.handoff.coordinator.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator reads Kafka's client security settings by the rule Quarkus applies in the services. */
class ClientSecurityTest {

    @Test
    void takesSecuritySaslAndSslVariablesByKafkasNamesAndNothingElse() {
        Map<String, Object> settings = ClientSecurity.fromEnvironment(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/trust.p12",
                "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https",
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "KAFKA_SASL_KERBEROS_SERVICE_NAME", "",
                "HANDOFF_CONTROL_KEY", "not Kafka's"));
        assertThat(settings).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.location", "ssl.endpoint.identification.algorithm");
        assertThat(settings.get("sasl.jaas.config")).asString().contains("username=\"u\"");
        assertThat(ClientSecurity.describe(settings)).startsWith("SASL_SSL SCRAM-SHA-512 [")
                .doesNotContain("password=").doesNotContain("/etc/kafka");
        assertThat(ClientSecurity.describe(Map.of())).isEqualTo("PLAINTEXT");
    }
}
