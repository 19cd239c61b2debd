package io.handoff.coordinator.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --report} and {@code --quiet}: where a run's JSON report goes, and how much it prints (run, soak, demo). */
final class OutputOptions {

    @Option(names = "--report", paramLabel = "FILE", description = "write the JSON report to FILE")
    Path report;

    @Option(names = {"-q", "--quiet"}, description = "print only the verdict line and errors")
    boolean quiet;
}
