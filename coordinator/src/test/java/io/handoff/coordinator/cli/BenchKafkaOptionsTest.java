package io.handoff.coordinator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench-kafka}'s usage errors: one line, exit code 2, the problem and what is accepted. */
class BenchKafkaOptionsTest {

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
        "bench-kafka --records 10          | --records must be a whole number from 1000 to 100000000, got 10",
        "bench-kafka --records many        | 'many' is not a long; accepted: a whole number from 1000 to 100000000",
        "bench-kafka --payload-bytes 0     | --payload-bytes must be a comma-separated list of sizes, each a whole number from 1 to 900000 (e.g. 100,1024), got '0'",
        "bench-kafka --payload-bytes 100,x | --payload-bytes must be a comma-separated list of sizes, each a whole number from 1 to 900000 (e.g. 100,1024), got '100,x'",
        "bench-kafka --payload-bytes 100,  | got '100,'",
        "bench-kafka --partitions 0        | --partitions must be a whole number from 1 to 1000, got 0",
        "bench-kafka --producers 40        | --producers must be a whole number from 1 to 32, got 40",
        "bench-kafka --bootstrap nohost    | --bootstrap must be HOST:PORT[,HOST:PORT...]",
        "bench-kafka --sweep-duration 0s   | --sweep-duration must be from 1s to 1h, got 0 ms",
        "bench-kafka --timeout soon        | 'soon' is not a duration such as 90s, 10m or 1h",
        "bench-kafka --sweep               | Unknown option: '--sweep'; accepted options: --bootstrap, --consumers",
    })
    void refusesBadInputWithOneLineThatNamesTheProblemAndWhatIsAccepted(String args, String expected) {
        Outcome outcome = execute(args.trim().split("\\s+"));

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains(expected).endsWith(System.lineSeparator());
        assertThat(outcome.err()).as("no second, wrong range from run's --payload-bytes").doesNotContain("from 0 to 900000");
        assertThat(outcome.err().strip().lines()).as("one line").hasSize(1);
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Outcome outcome = execute("bench-kafka", "--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("--records=N", "Default: 1000000", "--payload-bytes=B[,B...]",
                "Default: 100,1024", "--partitions=N", "Default: 6", "--bootstrap=HOST:PORT", "--skip-sweep",
                "--sweep-duration=DURATION", "Default: 20s", "--timeout=DURATION", "Exit codes");
    }

    @Test
    void topLevelHelpListsBenchKafka() {
        assertThat(execute("--help").out()).contains("bench-kafka");
    }
}
