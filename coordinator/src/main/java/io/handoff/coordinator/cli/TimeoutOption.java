package io.handoff.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --timeout}: the most a run (or, in a benchmark, each of its phases) may take before it is stopped. */
public final class TimeoutOption {

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "abort a run (in bench-kafka: each phase) not finished by then, 1s-24h, e.g. 90s, 10m")
    public Duration timeout;

    public Duration check(CommandLine commandLine) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(24)) > 0) {
            throw new CommandLine.ParameterException(commandLine,
                    "--timeout must be from 1s to 24h, got " + timeout.toMillis() + " ms");
        }
        return timeout;
    }
}
