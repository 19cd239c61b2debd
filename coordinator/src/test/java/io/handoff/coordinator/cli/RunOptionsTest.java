package io.handoff.coordinator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors through the same command line the coordinator runs: one line, the problem, what is accepted. */
class RunOptionsTest {

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = HandoffMain.commandLine();
        commandLine.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "run --items -1           | --items must be a whole number from 0 to 1000000000, got -1",
        "run --items 0            | --items 0 (produce until stopped) needs --stop-after DURATION",
        "run --credit-window -5   | --credit-window must be a whole number from 0 to 10000000, got -5",
        "run --kill-consumer-after-ms 0 | --kill-consumer-after-ms must be a whole number from 1 to 3600000, got 0",
        "run --partitions 0       | --partitions must be a whole number from 1 to 1000, got 0",
        "run --producers 0        | --producers must be a whole number from 1 to 32, got 0",
        "run --consumers 33       | --consumers must be a whole number from 1 to 32, got 33",
        "run --payload-bytes -5   | --payload-bytes must be a whole number from 0 to 900000, got -5",
        "run --items ten          | 'ten' is not a long; accepted: a whole number from 0 to 1000000000",
        "run --frobnicate         | Unknown option: '--frobnicate'; accepted options: --accounts, --bootstrap",
        "run --timeout soon       | 'soon' is not a duration such as 90s, 10m or 1h",
        "run --bootstrap nohost   | --bootstrap must be HOST:PORT[,HOST:PORT...]",
        "run --bootstrap h:70000  | --bootstrap must be HOST:PORT[,HOST:PORT...]",
        "run --items 1 --producers 2 | --items (1) must be at least --producers (2)",
        "launch                   | unknown command 'launch'; accepted commands: run",
    })
    void refusesBadInputWithOneLineThatNamesTheProblemAndWhatIsAccepted(String args, String expected) {
        Outcome outcome = execute(args.trim().split("\\s+"));

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains(expected).endsWith(System.lineSeparator());
        assertThat(outcome.err().strip().lines()).as("one line").hasSize(1);
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void runHelpListsEveryOptionWithItsDefault() {
        Outcome outcome = execute("run", "--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("--producers=P", "Default: 2", "--items=N", "Default: 100000",
                "items in TOTAL", "--partitions=N", "Default: 6", "--payload-bytes=B", "--bootstrap=HOST:PORT",
                "--report=FILE", "--lock-mode=MODE", "Default: ordered", "--threads=KIND", "Default: platform",
                "--work=SPEC", "Exit codes");
    }

    @Test
    void topLevelHelpListsTheCommandsOfTheCoordinatorAndTheLauncher() {
        Outcome outcome = execute("--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("run ", "build ", "test ", "bench ");
    }
}
