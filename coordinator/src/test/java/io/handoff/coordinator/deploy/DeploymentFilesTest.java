package io.handoff.coordinator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.handoff.coordinator.agent.Agent;
import io.handoff.shared.auth.ControlKey;
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
 * docker-compose.yml and the Kubernetes manifests, held to what the code expects of them: the commands and
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
        JsonNode services = YAML.readTree(HOME.resolve("docker-compose.yml").toFile()).get("services");

        assertThat(names(services)).containsExactlyInAnyOrder("kafka", "keys", "coordinator", "producer", "consumer",
                "prometheus", "grafana");
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(text(services.at("/coordinator/command"))).containsExactly("serve");
        assertThat(text(services.at("/coordinator/ports"))).as("loopback only").containsExactly("127.0.0.1:8080:8080");
        assertThat(text(services.at("/kafka/ports"))).as("the host's listener, loopback only")
                .containsExactly("127.0.0.1:29092:29092");
        assertThat(services.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText())
                .as("kcat and --bootstrap from the host reach the broker as localhost:29092")
                .contains("PLAINTEXT://kafka:9092").contains("EXTERNAL://localhost:29092");
        assertThat(services.at("/kafka/environment/KAFKA_LISTENERS").asText()).contains("EXTERNAL://:29092");
        assertThat(services.at("/kafka/environment/KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText())
                .contains("EXTERNAL:PLAINTEXT");
        assertThat(text(services.at("/prometheus/command"))).as("no lifecycle API: anyone could shut it down")
                .noneMatch(a -> a.contains("enable-lifecycle"));
        for (String published : List.of("prometheus", "grafana")) {
            assertThat(text(services.at("/" + published + "/ports"))).allMatch(p -> p.startsWith("127.0.0.1:"));
        }
        assertThat(services.at("/coordinator/environment/QUARKUS_HTTP_HOST").asText()).isEqualTo("0.0.0.0");
        for (String role : List.of("producer", "consumer")) {
            assertThat(text(services.at("/" + role + "/command"))).containsExactly("agent", "--role", role);
            assertThat(services.at("/" + role + "/environment/KAFKA_BOOTSTRAP_SERVERS").asText())
                    .isEqualTo("kafka:9092");
            assertThat(services.at("/" + role + "/environment/" + Agent.SERVICE_MANAGEMENT_PORT).asText())
                    .as("the port Prometheus scrapes %s on", role).isEqualTo(Integer.toString(scrapePort(role)));
        }
        for (String role : List.of("producer", "consumer")) {
            assertThat(services.at("/" + role + "/healthcheck/disable").asBoolean())
                    .as("%s agents serve no HTTP: the image's check is off for them", role).isTrue();
        }
        // The control key: made once by the keys service, read by the coordinator and every agent from the volume.
        assertThat(text(services.at("/keys/command"))).containsExactly("keys", "--dir", "/keys");
        assertThat(text(services.at("/keys/volumes"))).containsExactly("keys:/keys");
        for (String holder : List.of("coordinator", "producer", "consumer")) {
            assertThat(services.at("/" + holder + "/environment/" + ControlKey.FILE_ENV).asText()).as(holder)
                    .isEqualTo("/keys/" + io.handoff.coordinator.cli.KeysCommand.CONTROL_KEY);
        }
        JsonNode shared = YAML.readTree(HOME.resolve("docker-compose.yml").toFile()).get("x-handoff");
        assertThat(shared.at("/depends_on/keys/condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(text(shared.at("/volumes"))).containsExactly("keys:/keys:ro");
        assertThat(services.at("/consumer/deploy/replicas").asInt()).as("consumers to kill and still verify")
                .isGreaterThanOrEqualTo(2);
        assertThat(text(services.at("/grafana/volumes"))).anyMatch(v -> v.startsWith("./monitoring/grafana/provisioning:"));
        for (String volume : text(services.at("/grafana/volumes"))) {
            if (volume.startsWith("./")) {
                assertThat(HOME.resolve(volume.substring(0, volume.indexOf(':')))).as("mounted into Grafana").exists();
            }
        }
        assertThat(services.at("/grafana/environment/GF_SECURITY_ADMIN_PASSWORD__FILE").asText())
                .as("Grafana's admin password: made by the keys service, not the image's admin/admin")
                .isEqualTo("/keys/" + io.handoff.coordinator.cli.KeysCommand.GRAFANA_PASSWORD);
        assertThat(services.at("/grafana/environment/GF_SECURITY_ADMIN_PASSWORD").isMissingNode()).isTrue();
        assertThat(services.at("/coordinator/environment/" + io.handoff.coordinator.web.ApiAccess.FILE_ENV).asText())
                .isEqualTo("/keys/" + io.handoff.coordinator.cli.KeysCommand.API_TOKEN);
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
            if (List.of("coordinator", "producer", "consumer").contains(name)) {
                JsonNode key = variable(pod.at("/containers/0"), ControlKey.ENV);
                assertThat(key.at("/valueFrom/secretKeyRef/name").asText() + "/" + key.at("/valueFrom/secretKeyRef/key").asText())
                        .as("%s: the control key comes from the platform's Secret, the same for all", name)
                        .isEqualTo("handoff-keys/control-key");
            }
            if (name.equals("coordinator")) {
                JsonNode token = variable(pod.at("/containers/0"), io.handoff.coordinator.web.ApiAccess.ENV);
                assertThat(token.at("/valueFrom/secretKeyRef/key").asText()).as("the API token, from the Secret")
                        .isEqualTo("api-token");
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

    /** KRaft formats its storage with CLUSTER_ID, which must be a UUID in Kafka's base64 form. */
    @Test
    void kraftClusterIdsAreKafkaUuids() throws IOException {
        List<String> ids = new ArrayList<>();
        ids.add(YAML.readTree(HOME.resolve("docker-compose.yml").toFile()).at("/services/kafka/environment/CLUSTER_ID")
                .asText());
        ids.add(env(kafkaStatefulSet().at("/spec/template/spec/containers/0"), "CLUSTER_ID"));
        for (String id : ids) {
            assertThat(clusterIdProblem(id)).as("CLUSTER_ID %s", id).isNull();
        }
        assertThat(clusterIdProblem("handoff-compose-cluster-1")).as("the id these files had").isNotNull();
    }

    /** Why {@code id} is not a cluster id Kafka's storage tool accepts, or null. */
    static String clusterIdProblem(String id) {
        try {
            org.apache.kafka.common.Uuid uuid = org.apache.kafka.common.Uuid.fromString(id);
            return uuid.toString().equals(id) ? null : "not in canonical form: " + uuid;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void kafkaOnKubernetesIsOneNodeWithItsLogsBelowTheVolumeRoot() throws IOException {
        JsonNode kafka = kafkaStatefulSet();
        assertThat(kafka.at("/spec/replicas").asInt()).as("node id and voters are those of one node").isEqualTo(1);
        JsonNode container = kafka.at("/spec/template/spec/containers/0");
        assertThat(env(container, "KAFKA_NODE_ID")).isEqualTo("1");
        assertThat(env(container, "KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo("1@localhost:9093");
        String mount = container.at("/volumeMounts/0/mountPath").asText();
        String logs = env(container, "KAFKA_LOG_DIRS");
        assertThat(logs).as("below the volume root, where ext4's lost+found is").startsWith(mount + "/")
                .isNotEqualTo(mount + "/");
    }

    @Test
    void everyPodMeetsPodSecurityRestrictedAndTheNamespaceEnforcesIt() throws IOException {
        for (JsonNode workload : workloads()) {
            String name = workload.at("/metadata/name").asText();
            assertThat(PodSecurityRestricted.violations(name, workload.at("/spec/template/spec"))).as(name).isEmpty();
        }
        JsonNode namespace = baseDocuments().stream().filter(d -> d.path("kind").asText().equals("Namespace"))
                .findFirst().orElseThrow();
        assertThat(namespace.at("/metadata/labels").get("pod-security.kubernetes.io/enforce").asText())
                .isEqualTo("restricted");
    }

    /** The checker itself: each rule a pod can break is found (without seccomp, as the Kafka pod once was). */
    @Test
    void podSecurityCheckFindsEachBrokenRule() throws IOException {
        JsonNode kafka = kafkaStatefulSet().at("/spec/template/spec");
        var noSeccomp = (com.fasterxml.jackson.databind.node.ObjectNode) kafka.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noSeccomp.get("securityContext")).remove("seccompProfile");
        assertThat(PodSecurityRestricted.violations("kafka", noSeccomp)).singleElement().asString()
                .contains("seccompProfile");

        var bad = (com.fasterxml.jackson.databind.node.ObjectNode) kafka.deepCopy();
        bad.put("hostNetwork", true);
        bad.withArray("volumes").addObject().put("name", "host").putObject("hostPath").put("path", "/");
        var container = (com.fasterxml.jackson.databind.node.ObjectNode) bad.get("containers").get(0);
        var context = (com.fasterxml.jackson.databind.node.ObjectNode) container.get("securityContext");
        context.put("allowPrivilegeEscalation", true).put("runAsUser", 0).put("privileged", true);
        context.putObject("capabilities").putArray("add").add("SYS_ADMIN");
        ((com.fasterxml.jackson.databind.node.ObjectNode) container.get("ports").get(0)).put("hostPort", 9092);
        assertThat(PodSecurityRestricted.violations("kafka", bad)).hasSize(8).anyMatch(v -> v.contains("hostNetwork"))
                .anyMatch(v -> v.contains("hostPath")).anyMatch(v -> v.contains("allowPrivilegeEscalation"))
                .anyMatch(v -> v.contains("runAsUser")).anyMatch(v -> v.contains("privileged"))
                .anyMatch(v -> v.contains("drop ALL")).anyMatch(v -> v.contains("SYS_ADMIN"))
                .anyMatch(v -> v.contains("hostPort"));
    }

    /**
     * An agent's container holds two JVMs: the agent (the image's entry point) and the service it runs
     * (JavaCommand). Its memory limit must hold both heaps and what each JVM needs beyond its heap.
     */
    @Test
    void everyContainerHasMemoryForTheHeapsOfItsJvms() throws IOException {
        long agentHeap = maxHeap(entryPointOptions());
        long serviceHeap = maxHeap(io.handoff.coordinator.process.JavaCommand.SERVICE_JVM);
        assertThat(agentHeap).isPositive();
        assertThat(serviceHeap).isPositive();
        for (JsonNode workload : workloads()) {
            String name = workload.at("/metadata/name").asText();
            if (name.equals("kafka")) {
                continue;
            }
            long limit = quantity(workload.at("/spec/template/spec/containers/0/resources/limits/memory").asText());
            long needed = name.equals("coordinator") ? agentHeap + NON_HEAP : agentHeap + serviceHeap + 2 * NON_HEAP;
            assertThat(limit).as("%s: memory limit against its JVMs' heaps plus %d MiB each beyond them", name,
                    NON_HEAP >> 20).isGreaterThanOrEqualTo(needed);
        }
    }

    /** What a JVM of these services takes beyond its heap: metaspace, code cache, thread stacks, buffers. */
    private static final long NON_HEAP = 256L << 20;

    private static List<String> entryPointOptions() throws IOException {
        String dockerfile = Files.readString(HOME.resolve("Dockerfile"));
        String entry = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT"));
        entry = entry.substring(entry.indexOf('[') + 1, entry.indexOf(']'));
        List<String> options = new ArrayList<>();
        for (String part : entry.replace("\\\n", " ").split(",")) {
            options.add(part.trim().replace("\"", ""));
        }
        return options;
    }

    private static long maxHeap(List<String> options) {
        return options.stream().filter(o -> o.startsWith("-Xmx")).map(o -> quantity(o.substring(4))).findFirst()
                .orElse(0L);
    }

    /** 512m, 256M, 1280Mi, 1Gi, 1536Mi as bytes. */
    static long quantity(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kKmMgG]i?)?").matcher(text.trim());
        assertThat(m.matches()).as("a memory quantity: %s", text).isTrue();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1).toLowerCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    @Test
    void theImageBuildsInLayersAsNonRootWithAHealthcheckAndMavenFailuresShow() throws IOException {
        String dockerfile = Files.readString(HOME.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG BUILD_IMAGE=eclipse-temurin:21-jdk", "ARG RUNTIME_IMAGE=eclipse-temurin:21-jre",
                "FROM ${BUILD_IMAGE} AS build", "FROM ${RUNTIME_IMAGE}", "USER 10001:10001", "HEALTHCHECK",
                "/q/health/ready");
        List<String> mavenRuns = dockerfile.lines().filter(l -> l.startsWith("RUN ./mvnw")).toList();
        assertThat(mavenRuns).hasSize(1).allSatisfy(run -> assertThat(run)
                .as("not silent (-q) and no failure hidden (|| true)").doesNotContain(" -q").doesNotContain("||"));
        List<String> copies = dockerfile.lines().filter(l -> l.startsWith("COPY --from=build")).toList();
        int lastLib = -1;
        int firstApp = Integer.MAX_VALUE;
        for (int i = 0; i < copies.size(); i++) {
            if (copies.get(i).contains("/quarkus-app/lib/")) {
                lastLib = i;
            } else {
                firstApp = Math.min(firstApp, i);
            }
        }
        assertThat(lastLib).as("libraries in layers before the applications").isLessThan(firstApp);
    }

    /** Grafana: dashboards that import into any Grafana (no fixed datasource uid) and name no scrape job. */
    @Test
    void dashboardsAskForTheirDatasourceAndNameNoScrapeJob() throws IOException {
        try (var files = Files.list(HOME.resolve("monitoring/grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                assertThat(dashboardProblems(new ObjectMapper().readTree(file.toFile()))).as(file.getFileName().toString())
                        .isEmpty();
            }
        }
        JsonNode fixed = new ObjectMapper().readTree("""
                {"templating": {"list": []}, "panels": [{"title": "p", "datasource": {"type": "prometheus", "uid": "abc"},
                 "targets": [{"expr": "sum by (job) (up{job=\\"handoff-consumer\\"})", "datasource": {"uid": "abc"}}]}]}""");
        assertThat(dashboardProblems(fixed)).as("a dashboard with a fixed uid and a job name").hasSize(4);
    }

    static List<String> dashboardProblems(JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        boolean variable = false;
        for (JsonNode v : dashboard.at("/templating/list")) {
            variable |= v.path("type").asText().equals("datasource") && v.path("name").asText().equals("datasource");
        }
        if (!variable) {
            problems.add("no datasource variable named datasource");
        }
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            if (!panel.at("/datasource/uid").asText().equals("${datasource}")) {
                problems.add(title + ": datasource " + panel.path("datasource"));
            }
            for (JsonNode target : panel.path("targets")) {
                if (!target.at("/datasource/uid").asText().equals("${datasource}")) {
                    problems.add(title + ": target datasource " + target.path("datasource"));
                }
                if (target.path("expr").asText().matches("(?s).*\\bjob\\b.*")) {
                    problems.add(title + ": names the scrape job: " + target.path("expr").asText());
                }
            }
        }
        return problems;
    }

    /** KEDA scales consumers: never beyond the partitions a consumer can hold, and without a replicas field. */
    @Test
    void theAutoscaleOverlayStaysWithinThePartitionsAndLeavesReplicasToTheScaler() throws Exception {
        Path overlay = HOME.resolve("k8s/overlays/autoscale");
        JsonNode scaler = YAML.readTree(overlay.resolve("consumer-scaler.yaml").toFile());
        int fewestPartitions = io.handoff.coordinator.scenarios.Scenarios.all().stream()
                .mapToInt(s -> io.handoff.coordinator.scenarios.Scenarios.plan(s, java.util.Optional.empty()).partitions()).min().orElseThrow();
        assertThat(scaler.at("/spec/maxReplicaCount").asInt()).as("consumers beyond the partitions idle")
                .isBetween(scaler.at("/spec/minReplicaCount").asInt(), fewestPartitions);
        JsonNode trigger = scaler.at("/spec/triggers/0/metadata");
        assertThat(trigger.get("serverAddress").asText()).as("the Service every Prometheus Operator install has")
                .startsWith("http://prometheus-operated.");
        assertThat(trigger.get("query").asText()).contains("handoff_partition_lag").doesNotContain("job");
        assertThat(documentsIn(Files.readString(overlay.resolve("agent-monitor.yaml"))))
                .extracting(d -> d.path("kind").asText()).containsExactly("PodMonitor");
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed (.ci/run installs it where apt has it)");
        JsonNode consumer = documentsIn(exec("kubectl", "kustomize", overlay.toString())).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment") && d.at("/metadata/name").asText().equals("consumer"))
                .findFirst().orElseThrow();
        assertThat(consumer.at("/spec/replicas").isMissingNode()).as("replicas would fight the autoscaler").isTrue();
    }

    /**
     * A Windows checkout (core.autocrlf=true) keeps LF in every script: a CRLF mvnw or handoff fails in the
     * Linux build stage with "bad interpreter". The clone is of the committed tree, as CI's is.
     */
    @Test
    void aCrlfCheckoutKeepsLfInEveryScript(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("git") && Files.isDirectory(HOME.resolve(".git")),
                "not a git checkout, or no git: nothing to clone");
        exec("git", "-c", "core.autocrlf=true", "clone", "-q", "--no-hardlinks", HOME.toString(), dir.resolve("crlf").toString());
        Path checkout = dir.resolve("crlf");
        List<Path> scripts = new ArrayList<>();
        try (var files = Files.walk(checkout)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(checkout.resolve(".git"))).toList()) {
                byte[] start = new byte[2];
                try (var in = Files.newInputStream(file)) {
                    if (in.read(start) == 2 && start[0] == '#' && start[1] == '!') {
                        scripts.add(file);
                    }
                }
            }
        }
        assertThat(scripts).extracting(p -> checkout.relativize(p).toString()).contains("mvnw", "handoff", ".ci/run");
        for (Path script : scripts) {
            assertThat(Files.readString(script)).as("%s in a core.autocrlf=true checkout", checkout.relativize(script))
                    .doesNotContain("\r");
        }
    }

    private static List<JsonNode> baseDocuments() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var files = Files.list(HOME.resolve("k8s/base"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(documentsIn(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return documents;
    }

    private static List<JsonNode> workloads() throws IOException {
        return baseDocuments().stream()
                .filter(d -> List.of("Deployment", "StatefulSet").contains(d.path("kind").asText())).toList();
    }

    private static JsonNode kafkaStatefulSet() throws IOException {
        return workloads().stream().filter(w -> w.path("kind").asText().equals("StatefulSet")).findFirst().orElseThrow();
    }

    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        Assumptions.assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
        assertThat(exec("docker-compose", "-f", HOME.resolve("docker-compose.yml").toString(), "config", "-q")).isEmpty();
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

    static List<JsonNode> documentsIn(String yaml) throws IOException {
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
        return variable(container, name).get("value").asText();
    }

    private static JsonNode variable(JsonNode container, String name) {
        for (JsonNode variable : container.get("env")) {
            if (variable.get("name").asText().equals(name)) {
                return variable;
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

    static boolean onPath(String tool) {
        return System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** Runs a tool; fails with its output unless it exits 0; returns what it printed on stdout. */
    static String exec(String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("tool-err", ".txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), Files.readString(err)).isZero();
        Files.delete(err);
        return out;
    }
}
