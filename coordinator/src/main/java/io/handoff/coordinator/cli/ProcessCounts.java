package io.handoff.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --producers} and {@code --consumers}: how many service processes a run starts (run, soak, bench-kafka). */
public final class ProcessCounts {

    @Option(names = "--producers", paramLabel = "P", defaultValue = "2", description = "producer processes (1-32)")
    public int producers;

    @Option(names = "--consumers", paramLabel = "C", defaultValue = "2", description = "consumer processes (1-32)")
    public int consumers;

    public void check(CommandLine commandLine) {
        OptionRange.PRODUCERS.check(commandLine, producers);
        OptionRange.CONSUMERS.check(commandLine, consumers);
    }
}
