package io.handoff.coordinator.process;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkout the coordinator runs from, and where the built pieces it launches live in it.
 *
 * @param root the repository root: the {@code handoff.home} system property that {@code ./handoff} passes,
 *             or else the folder this coordinator's own jar was built in
 */
public record HandoffHome(Path root) {

    public static final String PROPERTY = "handoff.home";

    public static HandoffHome locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new HandoffHome(Path.of(configured).toAbsolutePath().normalize());
        }
        try {
            Path here = Path.of(HandoffHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("handoff")) && Files.isDirectory(dir.resolve("coordinator"))) {
                    return new HandoffHome(dir);
                }
            }
        } catch (URISyntaxException | SecurityException ignored) {
            // fall through to the working directory
        }
        return new HandoffHome(Path.of("").toAbsolutePath());
    }

    public Path producerJar() {
        return root.resolve("producer-service/target/quarkus-app/quarkus-run.jar");
    }

    public Path consumerJar() {
        return root.resolve("consumer-service/target/quarkus-app/quarkus-run.jar");
    }

    /** The coordinator itself, which {@code ./handoff bench-kafka} runs again for each pipeline run. */
    public Path coordinatorJar() {
        return root.resolve("coordinator/target/quarkus-app/quarkus-run.jar");
    }

    public Path brokerJar() {
        return root.resolve("embedded-broker/target/handoff-broker.jar");
    }

    /** Where each run keeps its process logs, one folder per run. */
    public Path runsDir() {
        return root.resolve("runs");
    }

    /** Throws with the missing paths and the command that builds them, if any piece is not built. */
    public void requireBuilt(boolean needBroker) {
        List<Path> missing = new ArrayList<>();
        for (Path jar : needBroker ? List.of(producerJar(), consumerJar(), brokerJar())
                : List.of(producerJar(), consumerJar())) {
            if (!Files.isRegularFile(jar)) {
                missing.add(root.relativize(jar));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + missing + " under " + root
                    + "; run ./handoff build (or ./handoff run, which builds what is missing)");
        }
    }
}
