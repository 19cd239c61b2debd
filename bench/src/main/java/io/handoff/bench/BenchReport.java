package io.handoff.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.handoff.coordinator.report.ReportWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one {@code ./handoff bench-kafka} measured, written as {@code bench-kafka.json} and
 * {@code bench-kafka.md}.
 *
 * @param broker           which broker served every phase
 * @param producerSettings the producer settings both the perf producer and the pipeline's producers use
 */
public record BenchReport(Machine machine, BenchSettings settings, String broker, String producerSettings,
        List<PayloadResult> payloads) {

    /** True when every phase ran to its end and every pipeline run passed its audit. */
    @JsonProperty("passed")
    public boolean passed() {
        return payloads.stream().flatMap(p -> p.phases().stream()).allMatch(PhaseResult::ok);
    }

    /** Writes the JSON and the Markdown into {@code dir}; returns the two files. */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve("bench-kafka.json");
        Path markdown = dir.resolve("bench-kafka.md");
        ReportWriter.write(this, json);
        Files.writeString(markdown, BenchMarkdown.render(this), StandardCharsets.UTF_8);
        return List.of(json, markdown);
    }
}
