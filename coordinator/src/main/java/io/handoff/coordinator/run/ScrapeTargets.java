package io.handoff.coordinator.run;

import io.handoff.shared.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where Prometheus finds an embedded run's services: a file-based service discovery file
 * ({@code file_sd_configs}), rewritten whenever a service starts, in the run's folder and as
 * {@code runs/prometheus-targets.json} for whichever run is newest (monitoring/prometheus/embedded.yml
 * reads that one). Written by the run's own thread only.
 */
final class ScrapeTargets {

    /** One group of {@code file_sd} targets. */
    record Group(List<String> targets, Map<String, String> labels) {
    }

    private final List<Path> files;
    /** Management address by instance id; a restarted instance's new address replaces the old one. */
    private final Map<String, String> addresses = new TreeMap<>();

    ScrapeTargets(Path runDir) {
        this.files = List.of(runDir.resolve("prometheus-targets.json"),
                runDir.getParent().resolve("prometheus-targets.json"));
    }

    void add(String instanceId, int managementPort) {
        addresses.put(instanceId, "127.0.0.1:" + managementPort);
        write();
    }

    private void write() {
        List<Group> groups = new ArrayList<>();
        addresses.forEach((id, address) -> groups.add(new Group(List.of(address),
                Map.of("job", "handoff-" + id.substring(0, id.indexOf('-'))))));
        try {
            for (Path file : files) {
                // Written aside, then moved: Prometheus never reads a half-written file.
                // Aside under this process's own name: runs side by side in one checkout share runs/.
                Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                Files.write(temporary, Json.mapper().writeValueAsBytes(groups));
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write Prometheus targets: " + e.getMessage(), e);
        }
    }
}
