package io.handoff.coordinator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object the Kubernetes manifests make, base and overlays, held to its API schema with unknown fields
 * refused (ManifestSchema). Rendered by {@code kubectl kustomize} where it is installed (.ci/run installs
 * it), so that patches are checked as applied; otherwise the files as they are.
 */
class ManifestSchemaTest {

    private static final Path K8S = DeploymentFilesTest.HOME.resolve("k8s");
    /** Kinds whose schema (a CRD of KEDA, of the Prometheus Operator) is not available here as types. */
    private static final Set<String> UNCHECKED = Set.of("keda.sh/v1alpha1/ScaledObject", "monitoring.coreos.com/v1/PodMonitor");

    @Test
    void everyObjectOfTheBaseAndEveryOverlayMatchesItsApiSchema() throws Exception {
        Set<String> unchecked = new TreeSet<>();
        int checked = 0;
        for (String kustomization : List.of("base", "overlays/autoscale", "overlays/strimzi")) {
            for (JsonNode document : rendered(kustomization)) {
                String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                if (ManifestSchema.typeOf(document).isEmpty()) {
                    unchecked.add(kind);
                    continue;
                }
                assertThat(ManifestSchema.violations(document)).as("%s: %s %s", kustomization, kind,
                        document.at("/metadata/name").asText()).isEmpty();
                checked++;
            }
        }
        assertThat(unchecked).as("kinds without a schema here: only the two CRDs named").isEqualTo(UNCHECKED);
        assertThat(checked).isGreaterThan(20);
    }

    /** The Strimzi overlay replaces the one-node StatefulSet, and every client reaches the cluster's bootstrap. */
    @Test
    void theStrimziOverlayRunsKafkaByTheOperatorAndPointsEveryClientAtIt() throws Exception {
        List<JsonNode> documents = rendered("overlays/strimzi");
        assertThat(documents).extracting(d -> d.path("kind").asText()).doesNotContain("StatefulSet")
                .contains("Kafka", "KafkaNodePool", "KafkaTopic");
        JsonNode kafka = documents.stream().filter(d -> d.path("kind").asText().equals("Kafka")).findFirst().orElseThrow();
        assertThat(kafka.at("/metadata/annotations").get("strimzi.io/kraft").asText()).isEqualTo("enabled");
        Set<String> topics = new TreeSet<>();
        documents.stream().filter(d -> d.path("kind").asText().equals("KafkaTopic"))
                .forEach(t -> topics.add(t.at("/metadata/name").asText()));
        assertThat(topics).as("the contract's topics (Topics)").containsExactlyInAnyOrder(
                io.handoff.shared.kafka.Topics.ITEMS, io.handoff.shared.kafka.Topics.RESULTS,
                io.handoff.shared.kafka.Topics.STATUS, io.handoff.shared.kafka.Topics.CONTROL,
                io.handoff.shared.kafka.Topics.ITEMS_DLQ);
        if (!kubectl()) {
            return; // the bootstrap address is set by a patch, which only a render applies
        }
        for (JsonNode deployment : documents.stream().filter(d -> d.path("kind").asText().equals("Deployment")).toList()) {
            JsonNode env = deployment.at("/spec/template/spec/containers/0/env");
            List<String> bootstrap = new ArrayList<>();
            env.forEach(e -> {
                if (e.path("name").asText().equals("KAFKA_BOOTSTRAP_SERVERS")) {
                    bootstrap.add(e.path("value").asText());
                }
            });
            assertThat(bootstrap).as(deployment.at("/metadata/name").asText())
                    .containsExactly(kafka.at("/metadata/name").asText() + "-kafka-bootstrap:9092");
        }
    }

    /** The check itself: an unknown field at any depth, and a value of the wrong type, are found. */
    @Test
    void anUnknownFieldOrAWrongTypeFailsTheCheck() throws Exception {
        List<JsonNode> base = rendered("base");
        JsonNode consumer = base.stream().filter(d -> d.at("/metadata/name").asText().equals("consumer")
                && d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        ObjectNode typo = consumer.deepCopy();
        ObjectNode container = (ObjectNode) typo.at("/spec/template/spec/containers/0");
        container.set("resoruces", container.remove("resources"));
        assertThat(ManifestSchema.violations(typo)).singleElement().asString()
                .contains("containers[0]").contains("resoruces");

        ObjectNode wrongType = consumer.deepCopy();
        ((ObjectNode) wrongType.get("spec")).put("replicas", "three");
        assertThat(ManifestSchema.violations(wrongType)).singleElement().asString().contains("three");

        JsonNode kafka = rendered("overlays/strimzi").stream().filter(d -> d.path("kind").asText().equals("Kafka"))
                .findFirst().orElseThrow();
        ObjectNode listener = kafka.deepCopy();
        ((ObjectNode) listener.at("/spec/kafka/listeners/0")).put("tsl", false);
        assertThat(ManifestSchema.violations(listener)).singleElement().asString().contains("tsl");
    }

    private static List<JsonNode> rendered(String kustomization) throws IOException, InterruptedException {
        Path dir = K8S.resolve(kustomization);
        if (kubectl()) {
            return DeploymentFilesTest.documentsIn(DeploymentFilesTest.exec("kubectl", "kustomize", dir.toString()));
        }
        List<JsonNode> documents = new ArrayList<>();
        for (Path root : new java.util.LinkedHashSet<>(List.of(K8S.resolve("base"), dir))) {
            try (var files = Files.list(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    if (!file.getFileName().toString().equals("kustomization.yaml")) {
                        documents.addAll(DeploymentFilesTest.documentsIn(Files.readString(file)));
                    }
                }
            }
        }
        return documents;
    }

    private static boolean kubectl() {
        return DeploymentFilesTest.onPath("kubectl");
    }
}
