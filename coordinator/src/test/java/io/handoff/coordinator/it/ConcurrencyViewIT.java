package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live page's concurrency view on one run that is both a naive-lock run (two accounts, opposite transfers: deadlocks the
 * watchdog breaks) and a virtual-thread run (the consumers' workers are virtual threads, invisible to the
 * ThreadMXBean). The view's data, from the page's own API, must show every service process with its threads
 * by role and state, the virtual workers, deadlocks broken in some window and what a sample costs; then, where
 * Chromium is installed, the page in a real browser must draw the same (cards, the locks chart), with a
 * screenshot in target/live-concurrency.png. Without Chromium the browser part is skipped with a message; the
 * data part runs either way.
 */
class ConcurrencyViewIT {

    @Test
    void theConcurrencyViewShowsDeadlocksBeingBrokenAndVirtualWorkers(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("report.json");
        Launcher.Running run = Launcher.start("run", "--producers", "1", "--consumers", "2", "--items", "0",
                "--stop-after", "3m", "--rate", "8000", "--lock-mode", "naive", "--accounts", "2", "--hot-accounts", "2", "--threads",
                "virtual", "--report", reportFile.toString());
        try {
            LivePage live = LivePage.of(run);
            // Held open until every part of the view has shown; the snapshots of the run so far are on history.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode now = live.now().get("concurrency");
                assertThat(now).as("a card per service process").hasSize(3);
                JsonNode consumer = consumer(now);
                assertThat(consumer.get("lockMode").asText()).isEqualTo("naive");
                assertThat(consumer.get("virtual").asInt()).as("virtual workers").isPositive();
                assertThat(threads(consumer, "worker", true)).as("the pool's workers, virtual").isPositive();
                assertThat(consumer.get("platform").asInt()).as("platform threads too").isPositive();
                assertThat(consumer.get("sampleMicros").asDouble()).as("what a sample costs").isPositive();
                assertThat(deadlocksBrokenSoFar(live)).as("deadlocks broken in some window").isPositive();
            });
            if (Files.isExecutable(ObservabilityIT.CHROMIUM) && Files.isExecutable(ObservabilityIT.DRIVER)) {
                inTheBrowser(live);
            } else {
                System.out.println("ConcurrencyViewIT: the browser part is skipped: chromium and chromium-driver are"
                        + " not installed (apt-get install chromium chromium-driver; .ci/run installs them)");
            }
            live.stop();
            assertThat(run.awaitExit(Duration.ofSeconds(120))).as("exit code of the run").isZero();
            JsonNode report = Launcher.report(reportFile);
            assertThat(report.get("lost").asLong()).isZero();
            long broken = 0;
            for (JsonNode c : report.get("consumers")) {
                broken += c.get("concurrency").get("deadlocksBroken").asLong();
            }
            assertThat(broken).as("the report counts the deadlocks the view showed").isPositive();
        } finally {
            if (run.process().isAlive()) {
                run.process().destroyForcibly();
            }
        }
    }

    private static void inTheBrowser(LivePage live) throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary(ObservabilityIT.CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(ObservabilityIT.DRIVER.toFile()).build(), options);
        try {
            browser.get(live.address().toString());
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<WebElement> cards = browser.findElements(By.cssSelector("#concurrency .card"));
                assertThat(cards).as("a card per service process").hasSize(3);
                WebElement consumer = browser.findElement(By.cssSelector("#concurrency .card[data-process=consumer-0]"));
                assertThat(consumer.getText()).contains("naive locks", "virtual threads", "worker (virtual)",
                        "deadlocks broken", "audit semaphore");
                assertThat(browser.findElement(By.id("observing")).getText()).contains("µs of CPU per process");
                @SuppressWarnings("unchecked")
                List<List<Number>> locks = (List<List<Number>>) ((JavascriptExecutor) browser)
                        .executeScript("return window.handoff.lockPoints()");
                assertThat(locks.get(0).stream().mapToDouble(Number::doubleValue).max().orElse(0))
                        .as("lock waits/s on the chart").isPositive();
                assertThat(locks.get(1).stream().mapToDouble(Number::doubleValue).max().orElse(0))
                        .as("deadlocks broken/s on the chart").isPositive();
            });
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Path saved = Launcher.HOME.resolve("coordinator/target/live-concurrency.png");
            Files.copy(shot, saved, StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(saved)).as("a screenshot with something on it").isGreaterThan(20_000);
        } finally {
            browser.quit();
        }
    }

    private static JsonNode consumer(JsonNode view) {
        for (JsonNode p : view) {
            if (p.get("role").asText().equals("consumer")) {
                return p;
            }
        }
        throw new AssertionError("no consumer in the view: " + view);
    }

    private static int threads(JsonNode process, String role, boolean virtual) {
        int n = 0;
        for (JsonNode t : process.get("threads")) {
            if (t.get("role").asText().equals(role) && t.get("virtual").asBoolean() == virtual) {
                n += t.get("count").asInt();
            }
        }
        return n;
    }

    /** Deadlocks broken in any window of any consumer, over the snapshots of the run so far. */
    private static long deadlocksBrokenSoFar(LivePage live) throws Exception {
        long broken = 0;
        for (JsonNode snapshot : io.handoff.shared.testing.Http.json(live.address().resolve("api/live/history"))) {
            for (JsonNode p : snapshot.get("concurrency")) {
                broken += p.get("deadlocksBroken").asLong();
            }
        }
        return broken;
    }

}
