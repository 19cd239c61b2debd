package io.handoff.coordinator.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a manifest object to its API schema, as the API server does with unknown fields refused
 * ({@code kubectl apply --validate=strict}): the object is read into the API's own types (fabric8's model,
 * generated from Kubernetes' OpenAPI; Strimzi's {@code io.strimzi:api}, from which its CRDs are generated),
 * where a value of the wrong type fails, and every field the types do not know lands in their
 * {@code additionalProperties}, which is then looked for at every depth.
 */
final class ManifestSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** apiVersion/kind to the type that is its schema. */
    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy",
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class));

    private ManifestSchema() {
    }

    /** The type that is the schema of {@code document}, if this class knows one. */
    static Optional<Class<?>> typeOf(JsonNode document) {
        return Optional.ofNullable(TYPES.get(document.path("apiVersion").asText() + "/" + document.path("kind").asText()));
    }

    /** What breaks the schema: a value of the wrong type, or fields it does not have (with their paths). */
    static List<String> violations(JsonNode document) {
        String name = document.path("kind").asText() + " " + document.at("/metadata/name").asText();
        Class<?> type = typeOf(document).orElseThrow(() -> new IllegalArgumentException("no schema for " + name));
        List<String> found = new ArrayList<>();
        Object typed;
        try {
            typed = MAPPER.treeToValue(document, type);
        } catch (Exception e) {
            found.add(name + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
            return found;
        }
        unknownFields(typed, name, found, new IdentityHashMap<>());
        return found;
    }

    private static void unknownFields(Object value, String path, List<String> found, Map<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value.getClass().isPrimitive() || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, found, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.") && !pkg.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String method = getter.getName();
            if (method.equals("getAdditionalProperties")) {
                Map<?, ?> unknown = (Map<?, ?>) invoke(getter, value);
                if (unknown != null && !unknown.isEmpty()) {
                    found.add(path + ": unknown field(s) " + unknown.keySet());
                }
            } else if (method.startsWith("get") && method.length() > 3) {
                unknownFields(invoke(getter, value), path + "." + Character.toLowerCase(method.charAt(3))
                        + method.substring(4), found, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null; // a computed accessor that does not apply to this object: nothing read from the manifest
        }
    }
}
