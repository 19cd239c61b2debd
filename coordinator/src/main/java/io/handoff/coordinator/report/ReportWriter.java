package io.handoff.coordinator.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.handoff.shared.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report (a run's, or the demo's) as indented JSON, creating the folder it goes in. */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static void write(Object report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report));
    }
}
