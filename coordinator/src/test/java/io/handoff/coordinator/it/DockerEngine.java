package io.handoff.coordinator.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine of the test's own: {@code dockerd} on a private socket, data root and exec root under one
 * directory, so it touches no engine of the machine and leaves nothing behind once {@link #close() closed}
 * (its images, containers and volumes live in that directory). Needs root and Debian's {@code docker.io}.
 */
final class DockerEngine implements AutoCloseable {

    private final Path dir;
    private final Process daemon;
    private final String host;

    private DockerEngine(Path dir, Process daemon) {
        this.dir = dir;
        this.daemon = daemon;
        this.host = "unix://" + dir.resolve("docker.sock");
    }

    /** Why no engine can start here, or empty when one may. */
    static Optional<String> cannotStart() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("dockerd needs root; this test runs as " + System.getProperty("user.name"));
        }
        for (String tool : List.of("dockerd", "docker", "docker-compose")) {
            if (!Tools.onPath(tool)) {
                return Optional.of(tool + " is not installed (.ci/run installs docker.io and docker-compose)");
            }
        }
        return Optional.empty();
    }

    /** Starts the daemon and waits until it answers; empty, with the reason in {@code why}, if it cannot. */
    static Optional<DockerEngine> start(Path dir, List<String> why) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("dockerd.log");
        Process daemon = new ProcessBuilder("dockerd", "--data-root", dir.resolve("root").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(),
                "--host", "unix://" + dir.resolve("docker.sock"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DockerEngine engine = new DockerEngine(dir, daemon);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                why.add("dockerd exited with " + daemon.exitValue() + ": " + tail(log));
                return Optional.empty();
            }
            if (engine.docker(Duration.ofSeconds(10), "info").exitCode() == 0) {
                return Optional.of(engine);
            }
            Thread.sleep(500); // the daemon gives no other signal of being ready than answering
        }
        why.add("dockerd did not answer within 60 s: " + tail(log));
        engine.close();
        return Optional.empty();
    }

    Map<String, String> environment() {
        return Map.of("DOCKER_HOST", host);
    }

    Tools.Result docker(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host));
        command.addAll(List.of(args));
        return Tools.run(dir, environment(), timeout, command);
    }

    /** Stops the daemon (its containers with it) and deletes its directory: images, containers, volumes. */
    @Override
    public void close() throws IOException, InterruptedException {
        daemon.destroy(); // SIGTERM: dockerd stops its containers and unmounts its layers
        if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Tools.run(dir.getParent(), Map.of(), Duration.ofSeconds(120), List.of("rm", "-rf", dir.toString()));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
