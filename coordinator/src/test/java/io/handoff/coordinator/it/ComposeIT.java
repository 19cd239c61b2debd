package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.shared.json.Json;
import io.handoff.shared.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real {@code docker-compose.yml}, started by a Docker engine of the test's own: the images this machine
 * cannot pull (a JDK, Kafka, Prometheus) are built locally by {@code .ci/compose/standin-images.sh}, and
 * {@code .ci/compose/standin.override.yml} swaps only the image sources. Handoff's image is built from the
 * Dockerfile as a user's {@code docker compose up --build} builds it. Then, through the REST API the README
 * documents: every agent is heard; the isolation scenario passes with nothing lost; after
 * {@code --scale consumer=4} a steady run uses four consumers; and Prometheus inside compose scrapes every
 * replica ({@code up == 1}). It ends with {@code down -v} and the engine's removal, which takes its images.
 * Grafana is left out: no Grafana image can be had here, and nothing of Handoff's runs in it.
 * Skipped, with the reason, where no engine can start (not root, no docker.io).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

    static final Path HOME = Path.of(System.getProperty("handoff.home", "..")).toAbsolutePath().normalize();
    static final URI API = URI.create("http://127.0.0.1:8080/api/");
    static final URI PROMETHEUS = URI.create("http://127.0.0.1:9090/");
    /** Every service but Grafana. */
    static final List<String> SERVICES = List.of("kafka", "coordinator", "producer", "consumer", "prometheus");

    static Path work;
    static DockerEngine engine;

    @BeforeAll
    static void startCompose() throws Exception {
        Assumptions.assumeTrue(DockerEngine.cannotStart().isEmpty(), () -> "no Docker engine can start here: "
                + DockerEngine.cannotStart().orElseThrow());
        work = Files.createTempDirectory("handoff-compose");
        List<String> why = new ArrayList<>();
        engine = DockerEngine.start(work.resolve("engine"), why).orElse(null);
        Assumptions.assumeTrue(engine != null, () -> "no Docker engine can start here: " + why);
        System.out.println("ComposeIT: Grafana is left out (no Grafana image here; it only displays Prometheus)");
        phase("the engine started");
        Tools.run(HOME, engine.environment(), Duration.ofMinutes(5), List.of(
                        HOME.resolve(".ci/compose/standin-images.sh").toString(), System.getProperty("java.home"),
                        HOME.toString(), work.resolve("standin").toString()))
                .orFail("building the stand-in images");
        phase("stand-in images built");
        compose(Duration.ofMinutes(10), List.of("build")).orFail("docker-compose build");
        phase("Handoff's image built from the Dockerfile");
        List<String> up = new ArrayList<>(List.of("up", "-d"));
        up.addAll(SERVICES);
        compose(Duration.ofMinutes(10), up).orFail("docker-compose up");
        phase("containers up");
    }

    /** Where the test's time goes, in its log: seconds since the previous phase. */
    private static long phaseStarted = System.nanoTime();

    private static void phase(String what) {
        long now = System.nanoTime();
        System.out.printf("ComposeIT: %s in %.1f s%n", what, (now - phaseStarted) / 1e9);
        phaseStarted = now;
    }

    @AfterAll
    static void downAndRemoveEverything() throws Exception {
        if (engine == null) {
            return;
        }
        try {
            phase("tests done");
            compose(Duration.ofMinutes(3), List.of("logs", "--no-color", "--tail", "200", "coordinator"))
                    .output().lines().filter(l -> l.contains("ERROR")).limit(20).forEach(System.out::println);
            compose(Duration.ofMinutes(3), List.of("down", "-v", "--remove-orphans")).orFail("docker-compose down -v");
            phase("down -v");
            assertThat(engine.docker(Duration.ofMinutes(1), "ps", "-aq").output()).as("no container left").isBlank();
            assertThat(engine.docker(Duration.ofMinutes(1), "volume", "ls", "-q").output()).as("no volume left")
                    .isBlank();
        } finally {
            engine.close();
            Tools.run(HOME, Map.of(), Duration.ofMinutes(2), List.of("rm", "-rf", work.toString()));
            phase("the engine and its data removed");
        }
        assertThat(work).as("the engine's images and data are gone with its directory").doesNotExist();
    }

    @Test
    @Order(1)
    void theCoordinatorHearsEveryAgentAndIsHealthy() {
        // 503 until the coordinator has reached Kafka and serves: an answer to wait for, not a failure.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(alive("producer")).isEqualTo(2);
            assertThat(alive("consumer")).isEqualTo(3);
        });
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                engine.docker(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Health.Status}}",
                        "handoff-it_coordinator_1").output().trim())
                .as("the image's healthcheck on /q/health/ready").isEqualTo("healthy"));
    }

    @Test
    @Order(2)
    void theIsolationScenarioPassesWithNothingLost() throws Exception {
        JsonNode report = runToTheEnd("{\"scenario\":\"isolation\"}");
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("outages")).as("one consumer killed").hasSize(1);
        assertThat(report.at("/outages/0/restartedPid").asLong()).as("restarted by its agent").isPositive();
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
    }

    @Test
    @Order(3)
    void afterScalingToFourConsumersASteadyRunUsesAllFourAndPrometheusScrapesEveryReplica() throws Exception {
        compose(Duration.ofMinutes(3), List.of("up", "-d", "--no-recreate", "--scale", "consumer=4", "consumer"))
                .orFail("docker-compose up --scale consumer=4");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .untilAsserted(() -> assertThat(alive("consumer")).isEqualTo(4));

        long runStarted = System.nanoTime();
        Http.Reply started = Http.post(API.resolve("runs"), "{\"scenario\":\"steady\",\"items\":400000}", apiToken());
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        assertThat(started.body().get("consumers").asInt()).as("every consumer agent").isEqualTo(4);
        int id = started.body().get("id").asInt();

        JsonNode report = awaitFinished(id);
        // Each replica's service was scraped on its management port while the run had it up. Asked of the
        // whole run, not of one instant: under load a scrape can miss its 2 s deadline, and the run is short.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            long sinceStart = Duration.ofNanos(System.nanoTime() - runStarted).toSeconds() + 1;
            assertThat(up("max_over_time", "handoff-consumer", sinceStart)).as("each consumer replica scraped").hasSize(4)
                    .containsOnly("1");
            assertThat(up("max_over_time", "handoff-producer", sinceStart)).as("each producer replica scraped").hasSize(2)
                    .containsOnly("1");
        });
        assertThat(up("", "handoff-coordinator", 0)).containsExactly("1");
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("duplicates").asLong()).as("no fault, no duplicate").isZero();
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(400_000);
        assertThat(report.get("consumers")).hasSize(4)
                .allSatisfy(c -> assertThat(c.get("processed").asLong()).as("%s took work", c.get("id")).isPositive());
    }

    /** The token the keys service made, read where compose's README line reads it: the coordinator's /keys. */
    private static String apiToken() throws Exception {
        String output = compose(Duration.ofMinutes(1), List.of("exec", "-T", "coordinator", "cat", "/keys/api.token"))
                .orFail("reading the API token").output();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("(?m)^[0-9a-f]{64}$").matcher(output);
        assertThat(token.find()).as("the API token in: %s", output).isTrue();
        return token.group();
    }

    private static JsonNode runToTheEnd(String request) throws Exception {
        assertThat(Http.post(API.resolve("runs"), request).status()).as("without the API token").isEqualTo(401);
        Http.Reply started = Http.post(API.resolve("runs"), request, apiToken());
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        return awaitFinished(started.body().get("id").asInt());
    }

    private static JsonNode awaitFinished(int id) {
        JsonNode job = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Http.json(API.resolve("runs/" + id)), j -> !j.get("state").asText().equals("running"));
        assertThat(job.get("state").asText()).as("verdict: %s", job.get("report")).isEqualTo("passed");
        return job.get("report");
    }

    private static long alive(String role) throws Exception {
        long n = 0;
        for (JsonNode agent : Http.json(API.resolve("agents"))) {
            if (agent.get("role").asText().equals(role) && agent.get("alive").asBoolean()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The value of {@code up} for every target of one scrape job, as Prometheus in compose has it now; with
     * {@code over} (such as {@code max_over_time}), that function of it over the last {@code seconds}.
     */
    private static List<String> up(String over, String job, long seconds) throws Exception {
        String series = "up{job=\"" + job + "\"}";
        String query = URLEncoder.encode(over.isEmpty() ? series : over + "(" + series + "[" + seconds + "s])",
                StandardCharsets.UTF_8);
        JsonNode answer = Json.mapper().readTree(Http.get(PROMETHEUS.resolve("api/v1/query?query=" + query)));
        List<String> values = new ArrayList<>();
        answer.at("/data/result").forEach(r -> values.add(r.at("/value/1").asText()));
        return values;
    }

    private static Tools.Result compose(Duration timeout, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml", "-f",
                ".ci/compose/standin.override.yml", "-p", "handoff-it"));
        command.addAll(args);
        return Tools.run(HOME, engine.environment(), timeout, command);
    }
}
