package io.handoff.coordinator.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka's own client security settings, taken from the environment by the rule Quarkus applies to the services:
 * {@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}, {@code KAFKA_SECURITY_PROTOCOL} is
 * {@code security.protocol}, and so on. So one set of variables configures every process: the coordinator's admin
 * client, readers and writers here, and the services, which inherit the variables from whoever starts them (this
 * coordinator, or an agent). Only {@code security.protocol}, {@code sasl.*} and {@code ssl.*} are taken: other
 * {@code KAFKA_} variables (a broker's, a launcher's heap options) are none of a client's business.
 */
public final class ClientSecurity {

    private static final String PREFIX = "KAFKA_";

    private ClientSecurity() {
    }

    /** The settings in this environment, by Kafka's property names; values as given. */
    public static Map<String, Object> fromEnvironment(Map<String, String> env) {
        Map<String, Object> settings = new TreeMap<>();
        env.forEach((variable, value) -> {
            if (!variable.toUpperCase(Locale.ROOT).startsWith(PREFIX) || value == null || value.isBlank()) {
                return;
            }
            String name = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", ".");
            if (name.equals("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /** The settings, safe to print: the names, with every password and JAAS line left out. */
    public static String describe(Map<String, Object> settings) {
        if (settings.isEmpty()) {
            return "PLAINTEXT";
        }
        return settings.getOrDefault("security.protocol", "PLAINTEXT") + " "
                + settings.getOrDefault("sasl.mechanism", "") + " " + new java.util.TreeSet<>(settings.keySet());
    }
}
