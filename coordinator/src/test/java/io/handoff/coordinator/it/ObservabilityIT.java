package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.coordinator.process.FreePorts;
import io.handoff.shared.json.Json;
import io.handoff.shared.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The picture people watch, checked against one real embedded run:
 * <ol>
 * <li>a real Prometheus (the Debian package) scrapes the run through the targets file it writes, and every
 * PromQL expression of every panel of every Grafana dashboard must return a series: a renamed meter, a lost
 * tag or a typo in a panel fails here, not on someone's screen;</li>
 * <li>the built-in live page in a real browser (system Chromium, headless, driven by Selenium) must chart the
 * run with throughput above zero and list its processes; a screenshot goes to target/live-dashboard.png;
 * its stop button must reach the run;</li>
 * <li>and the run, drained by that stop, verifies.</li>
 * </ol>
 * Where Prometheus or Chromium is missing (outside CI), its part is skipped with a message; the run itself,
 * the live page's data and the stop through the REST action are checked either way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    static Path dir;
    static Process prometheus;
    static URI prometheusApi;
    static Launcher.Running run;
    static String page;
    /** The API token the run made at its start and printed in the page's address. */
    static String token;

    @BeforeAll
    static void startRunAndPrometheus() throws Exception {
        dir = Files.createTempDirectory("handoff-observability");
        run = Launcher.start("run", "--producers", "1", "--consumers", "2", "--items", "0", "--stop-after", "3m",
                "--rate", "2000", "--lock-mode", "trylock", "--report", dir.resolve("report.json").toString());
        LivePage live = LivePage.of(run);
        page = live.address().toString();
        token = live.token();
        String runId = run.awaitLine("Handoff run ", Duration.ofSeconds(60)).replaceAll(".*Handoff run (\\S+):.*", "$1");
        if (onPath("prometheus")) {
            // This run's own targets (runs/ID/prometheus-targets.json), not the newest run's: other tests may start
            // runs from this checkout meanwhile.
            int port = FreePorts.next();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, Files.readString(Launcher.HOME.resolve("monitoring/prometheus/embedded.yml"))
                    .replace("../../runs/prometheus-targets.json",
                            Launcher.HOME.resolve("runs").resolve(runId).resolve("prometheus-targets.json").toString()));
            prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            prometheusApi = URI.create("http://127.0.0.1:" + port + "/api/v1/");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> Http.get(prometheusApi.resolve("status/buildinfo")) != null);
        }
        run.awaitLine("producers start", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (run != null && run.process().isAlive()) {
            run.process().descendants().forEach(ProcessHandle::destroyForcibly);
            run.process().destroyForcibly();
        }
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void everyPanelOfEveryDashboardShowsDataFromTheRun() throws Exception {
        Assumptions.assumeTrue(prometheus != null,
                "prometheus is not installed: apt-get install prometheus (.ci/run installs it)");
        Map<String, String> empty = panelQueries();
        assertThat(empty).as("panels found in monitoring/grafana/dashboards").hasSizeGreaterThanOrEqualTo(30);
        // Series with zeros exist from the first scrape; wait until items are seen flowing, too.
        empty.put("(items flowing)", "sum(rate(handoff_items_consumed_total[30s])) > 0");

        // All at once, once a scrape, until every one has data: rate windows need a few scrapes.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (var it = empty.entrySet().iterator(); it.hasNext(); ) {
                if (query(it.next().getValue()).size() > 0) {
                    it.remove();
                }
            }
            assertThat(empty).as("panels whose query returned no series during a run").isEmpty();
        });
        assertThat(single("sum(rate(handoff_items_consumed_total[30s]))")).as("consumed/s").isPositive();
        assertThat(single("sum(handoff_ledger_drift)")).as("drift in trylock mode").isZero();
        assertThat(single("count(count by (instance) (handoff_items_consumed_total))"))
                .as("both consumers, told apart by their instance tag").isEqualTo(2);
    }

    /** The buttons change the run: without the token, or from another origin, nothing happens. */
    @Test
    @Order(1)
    void theLivePagesActionsNeedTheTokenAndThePagesOwnOrigin() throws Exception {
        Http.Reply anonymous = Http.post(URI.create(page + "api/live/kill-consumer"), "");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("error").asText()).contains("API token");
        Http.Reply foreign = Http.post(URI.create(page + "api/live/kill-consumer"), "",
                java.util.Map.of("Authorization", "Bearer " + token, "Origin", "https://evil.example"));
        assertThat(foreign.status()).as("another web page, even with the token").isEqualTo(403);
        assertThat(Http.json(URI.create(page + "api/live/now")).get("state").asText()).isEqualTo("running");
    }

    @Test
    @Order(2)
    void theLivePageChartsTheRunInARealBrowserAndItsStopButtonReachesTheRun() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "chromium and chromium-driver are not installed: apt-get install chromium chromium-driver "
                        + "(.ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).build(), options);
        try {
            browser.get(page + "#token=" + token);
            // Snapshots arrive once a second; wait for several points, with throughput on the chart.
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                @SuppressWarnings("unchecked")
                List<List<Number>> series = (List<List<Number>>) ((JavascriptExecutor) browser)
                        .executeScript("return window.handoff.points()");
                assertThat(series).hasSize(2);
                assertThat(series.get(0)).as("points on the throughput chart").hasSizeGreaterThanOrEqualTo(5);
                assertThat(series.get(1).stream().mapToDouble(Number::doubleValue).max().orElse(0))
                        .as("consumed/s on the chart").isPositive();
            });
            assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("running");
            assertThat(Long.parseLong(browser.findElement(By.id("processed")).getText().replace(",", ""))).isPositive();
            assertThat(browser.findElements(By.cssSelector("#processes tbody tr"))).as("1 producer, 2 consumers")
                    .hasSize(3);

            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Path saved = Launcher.HOME.resolve("coordinator/target/live-dashboard.png");
            Files.copy(shot, saved, StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(saved)).as("a screenshot with something on it").isGreaterThan(20_000);

            assertThat(browser.getCurrentUrl()).as("the page keeps the token out of its address").doesNotContain(token);
            browser.findElement(By.cssSelector("button[data-action=stop]")).click();
            run.awaitLine("asked on the live page", Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(browser.findElement(By.id("state")).getText()).isIn("draining", "finished"));
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(3)
    void theRunDrainedByTheLivePageStopVerifies() throws Exception {
        if (run.process().isAlive()) {
            JsonNode now = Http.json(URI.create(page + "api/live/now"));
            assertThat(now.get("processed").asLong()).as("the page's data during the run").isPositive();
            if (now.get("state").asText().equals("running")) {
                Http.Reply stop = Http.post(URI.create(page + "api/live/stop"), "", token);
                assertThat(stop.status()).isEqualTo(202);
            }
        }
        assertThat(run.awaitExit(Duration.ofSeconds(90))).as("exit code of the run").isZero();
        JsonNode report = Launcher.report(dir.resolve("report.json"));
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
    }

    /** "dashboard / panel / refId" to expression, for every target of every panel. */
    private static Map<String, String> panelQueries() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        List<Path> files;
        try (var listing = Files.list(Launcher.HOME.resolve("monitoring/grafana/dashboards"))) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("the four dashboards").hasSize(4);
        for (Path file : files) {
            JsonNode dashboard = Json.mapper().readTree(file.toFile());
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    queries.put(dashboard.get("title").asText() + " / " + panel.get("title").asText() + " / "
                            + target.get("refId").asText(), target.get("expr").asText());
                }
            }
        }
        return queries;
    }

    private static JsonNode query(String expr) throws Exception {
        JsonNode answer = Json.mapper().readTree(Http.get(prometheusApi.resolve("query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8))));
        assertThat(answer.get("status").asText()).as("Prometheus accepts %s", expr).isEqualTo("success");
        return answer.at("/data/result");
    }

    private static double single(String expr) throws Exception {
        List<Double> values = new ArrayList<>();
        query(expr).forEach(r -> values.add(Double.parseDouble(r.at("/value/1").asText())));
        assertThat(values).as("one series for %s", expr).hasSize(1);
        return values.getFirst();
    }

    private static boolean onPath(String tool) {
        return System.getenv("PATH") != null && Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
