package io.handoff.coordinator.cli;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.handoff.coordinator.scenarios.Scenarios;
import picocli.CommandLine;

/**
 * The coordinator's entry point: Quarkus command mode, handing the arguments to picocli. The command's
 * return value becomes the process's exit code.
 */
@QuarkusMain
public class HandoffMain implements QuarkusApplication {

    @Override
    public int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command tree with Handoff's one-line usage errors; tests parse through the same. */
    static CommandLine commandLine() {
        // The scenario names in the commands' help come from the one registry.
        System.setProperty("handoff.scenarios", String.join(", ", Scenarios.names()));
        return new CommandLine(new HandoffCommand())
                .setParameterExceptionHandler(new OneLineErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
