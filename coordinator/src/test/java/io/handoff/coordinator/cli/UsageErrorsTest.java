package io.handoff.coordinator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's usage errors, through the same command line the coordinator runs: exit code 2 and one line that
 * names the problem and what is accepted. The options several commands share (producers, consumers, cluster,
 * timeout, report) are one mixin each, so their errors read the same in every command, bench-kafka's included
 * ({@code BenchKafkaUsageTest} in bench/).
 */
class UsageErrorsTest {

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
        "run --timeout 0s         | --timeout must be from 1s to 24h, got 0 ms",
        "run --scenario steady --timeout 25h | --timeout must be from 1s to 24h, got 90000000 ms",
        "run --bootstrap nohost   | --bootstrap must be HOST:PORT[,HOST:PORT...]",
        "run --bootstrap h:70000  | --bootstrap must be HOST:PORT[,HOST:PORT...]",
        "run --items 1 --producers 2 | --items (1) must be at least --producers (2)",
        "run --scenario isolation --partitions 3 | --partitions does not combine with --scenario",
        "launch                   | unknown command 'launch'; accepted commands: run",
        "soak --consumers 0                | --consumers must be a whole number from 1 to 32, got 0",
        "soak --duration 10s               | duration must be at least 60 s, got 10 s",
    })
    void refusesBadInputWithOneLineThatNamesTheProblemAndWhatIsAccepted(String args, String expected) {
        Outcome outcome = execute(args.trim().split("\\s+"));

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains(expected).endsWith(System.lineSeparator());
        assertThat(outcome.err().strip().lines()).as("one line").hasSize(1);
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void eachCommandsHelpListsItsOptionsWithTheirDefaults() {
        Outcome run = execute("run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--producers=P", "Default: 2", "--items=N", "Default: 100000",
                "items in TOTAL", "--partitions=N", "Default: 6", "--payload-bytes=B", "--bootstrap=HOST:PORT",
                "--report=FILE", "--lock-mode=MODE", "Default: ordered", "--threads=KIND", "Default: platform",
                "--work=SPEC", "--timeout=DURATION", "Default: 10m", "Exit codes");

        assertThat(execute("soak", "--help").out()).contains("--producers=P", "--consumers=C", "--report=FILE",
                "--quiet");
    }

    @Test
    void topLevelHelpListsTheCommandsOfTheCoordinatorAndTheLauncher() {
        Outcome outcome = execute("--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("run ", "build ", "test ", "bench ", "bench-kafka");
    }
}
