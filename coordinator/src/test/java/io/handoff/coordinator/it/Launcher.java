package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.shared.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs {@code ./handoff} from the checkout as a user would, with the jars the build just made
 * ({@code HANDOFF_NO_BUILD=1}: a test must not start a build inside the build).
 */
final class Launcher {

    static final Path HOME = Path.of(System.getProperty("handoff.home", "..")).toAbsolutePath().normalize();

    /** What one invocation did. */
    record Outcome(int exitCode, String out, String err, Duration took) {
    }

    private Launcher() {
    }

    static Outcome run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("handoff").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("handoff-out", ".txt");
        Path err = Files.createTempFile("handoff-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("HANDOFF_NO_BUILD", "1");
        // The launcher finds a JDK 21+ itself; hand it the one running this test.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("./handoff " + String.join(" ", args) + " did not finish within " + timeout + "; it printed:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        Outcome outcome = new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
        Files.delete(out);
        Files.delete(err);
        return outcome;
    }

    /** A launcher still running: its standard output line by line, as it comes. */
    record Running(Process process, java.util.concurrent.BlockingQueue<String> lines) {

        /** Waits for a line containing {@code text}; fails if the process ends or the time passes first. */
        String awaitLine(String text, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.contains(text)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            throw new AssertionError("no line containing '" + text + "' within " + within);
        }

        /** The consumer processes the coordinator has started and that still run. */
        List<ProcessHandle> consumers() {
            return process.toHandle().descendants().filter(p -> p.info().arguments().map(
                    args -> String.join(" ", args).contains("consumer-service")).orElse(false)).toList();
        }

        int awaitExit(Duration within) throws InterruptedException {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("./handoff did not finish within " + within);
            }
            return process.exitValue();
        }
    }

    /** Starts {@code ./handoff} and hands back its output as it is printed. */
    static Running start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** Starts {@code ./handoff} with extra environment variables; its output comes back as it is printed. */
    static Running start(java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("handoff").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().put("HANDOFF_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("launcher-output").start(() -> {
            try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
                reader.lines().forEach(line -> {
                    System.out.println("  | " + line);
                    lines.add(line);
                });
            } catch (IOException e) {
                lines.add("(output unreadable: " + e.getMessage() + ")");
            }
        });
        return new Running(process, lines);
    }

    static JsonNode report(Path file) throws IOException {
        return Json.mapper().readTree(file.toFile());
    }

    /** Pids of every process a report lists: broker, producers, consumers. */
    static List<Long> pids(JsonNode report) {
        List<Long> pids = new ArrayList<>();
        if (report.hasNonNull("broker")) {
            pids.add(report.get("broker").get("pid").asLong());
        }
        report.get("producers").forEach(p -> pids.add(p.get("pid").asLong()));
        report.get("consumers").forEach(c -> pids.add(c.get("pid").asLong()));
        return pids;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
