package io.handoff.coordinator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.handoff.coordinator.agent.Agent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * compose.yaml and the Kubernetes manifests, held to what the code expects of them: the commands and
 * environment variables the coordinator and agents read, the ports Prometheus scrapes, KRaft, and the
 * resources and security context every pod needs. Where the tools are installed (.ci/run installs them),
 * {@code docker-compose config} and {@code kubectl kustomize} must accept the files as well; no Docker engine
 * or cluster is needed for either.
 */
class DeploymentFilesTest {

    static final Path HOME = Path.of(System.getProperty("handoff.home", "..")).toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void composeRunsKafkaInKraftTheServingCoordinatorAgentsPrometheusAndGrafana() throws IOException {
        JsonNode services = YAML.readTree(HOME.resolve("compose.yaml").toFile()).get("services");

        assertThat(names(services)).containsExactlyInAnyOrder("kafka", "coordinator", "producer", "consumer",
                "prometheus", "grafana");
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(text(services.at("/coordinator/command"))).containsExactly("serve");
        assertThat(text(services.at("/coordinator/ports"))).containsExactly("8080:8080");
        assertThat(services.at("/coordinator/environment/QUARKUS_HTTP_HOST").asText()).isEqualTo("0.0.0.0");
        for (String role : List.of("producer", "consumer")) {
            assertThat(text(services.at("/" + role + "/command"))).containsExactly("agent", "--role", role);
            assertThat(services.at("/" + role + "/environment/KAFKA_BOOTSTRAP_SERVERS").asText())
                    .isEqualTo("kafka:9092");
            assertThat(services.at("/" + role + "/environment/" + Agent.SERVICE_MANAGEMENT_PORT).asText())
                    .as("the port Prometheus scrapes %s on", role).isEqualTo(Integer.toString(scrapePort(role)));
        }
        assertThat(services.at("/consumer/deploy/replicas").asInt()).as("consumers to kill and still verify")
                .isGreaterThanOrEqualTo(2);
        assertThat(text(services.at("/grafana/volumes"))).anyMatch(v -> v.startsWith("./monitoring/grafana/provisioning:"));
        for (String volume : text(services.at("/grafana/volumes"))) {
            assertThat(HOME.resolve(volume.substring(0, volume.indexOf(':')))).as("mounted into Grafana").exists();
        }
    }

    /** The port of the Prometheus job that scrapes one role in compose, found by compose's DNS. */
    private static int scrapePort(String role) throws IOException {
        JsonNode jobs = YAML.readTree(HOME.resolve("monitoring/prometheus/prometheus.yml").toFile()).get("scrape_configs");
        for (JsonNode job : jobs) {
            if (job.get("job_name").asText().equals("handoff-" + role)) {
                assertThat(job.get("metrics_path").asText()).isEqualTo("/q/metrics");
                JsonNode sd = job.at("/dns_sd_configs/0");
                assertThat(text(sd.get("names"))).containsExactly(role);
                return sd.get("port").asInt();
            }
        }
        throw new AssertionError("no Prometheus job for " + role);
    }

    @Test
    void everyPodRunsAsNonRootWithResourcesAndAgentsPublishTheirMetricsPort() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var files = Files.list(HOME.resolve("k8s/base"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(documentsIn(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        List<JsonNode> workloads = documents.stream()
                .filter(d -> List.of("Deployment", "StatefulSet").contains(d.path("kind").asText())).toList();
        assertThat(workloads).extracting(w -> w.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("kafka", "coordinator", "producer", "consumer");

        for (JsonNode workload : workloads) {
            String name = workload.at("/metadata/name").asText();
            JsonNode pod = workload.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as("%s runs as non-root", name).isTrue();
            for (JsonNode container : pod.get("containers")) {
                assertThat(container.at("/resources/requests/cpu").isMissingNode()).as("%s cpu request", name).isFalse();
                assertThat(container.at("/resources/limits/memory").isMissingNode()).as("%s memory limit", name).isFalse();
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                        .as("%s may not escalate", name).isFalse();
            }
            if (name.equals("producer") || name.equals("consumer")) {
                JsonNode agent = pod.at("/containers/0");
                assertThat(text(agent.get("args"))).containsExactly("agent", "--role", name);
                String port = env(agent, Agent.SERVICE_MANAGEMENT_PORT);
                assertThat(workload.at("/spec/template/metadata/annotations").get("prometheus.io/port").asText())
                        .as("%s: the annotated scrape port is the services' management port", name).isEqualTo(port);
            }
        }
        JsonNode coordinator = workloads.stream().filter(w -> w.at("/metadata/name").asText().equals("coordinator"))
                .findFirst().orElseThrow();
        assertThat(text(coordinator.at("/spec/template/spec/containers/0/args"))).containsExactly("serve");
        assertThat(coordinator.at("/spec/template/spec/containers/0/readinessProbe/httpGet/path").asText())
                .as("ready once serving: /api/agents answers 503 before").isEqualTo("/api/agents");
    }

    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        Assumptions.assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
        assertThat(exec("docker-compose", "-f", HOME.resolve("compose.yaml").toString(), "config", "-q")).isEmpty();
    }

    @Test
    void kustomizeRendersBaseAndAutoscaleOverlay() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed (.ci/run installs it where apt has it)");
        String base = exec("kubectl", "kustomize", HOME.resolve("k8s/base").toString());
        assertThat(documentsIn(base)).extracting(d -> d.path("kind").asText())
                .contains("Namespace", "StatefulSet", "Deployment", "Service");
        String autoscale = exec("kubectl", "kustomize", HOME.resolve("k8s/overlays/autoscale").toString());
        assertThat(documentsIn(autoscale)).extracting(d -> d.path("kind").asText()).contains("ScaledObject");
    }

    private static List<JsonNode> documentsIn(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode variable : container.get("env")) {
            if (variable.get("name").asText().equals(name)) {
                return variable.get("value").asText();
            }
        }
        throw new AssertionError(container.get("name").asText() + " does not set " + name);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> text(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array instanceof ArrayNode) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static boolean onPath(String tool) {
        return System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** Runs a tool; fails with its output unless it exits 0; returns what it printed on stdout. */
    private static String exec(String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("tool-err", ".txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), Files.readString(err)).isZero();
        Files.delete(err);
        return out;
    }
}
