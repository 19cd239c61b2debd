package io.handoff.bench;

import io.handoff.coordinator.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench-kafka}'s usage errors: exit code 2 and one line that names the problem and what is accepted, through
 * the coordinator's own error handler and the options it shares with {@code run} (one mixin each).
 */
class BenchKafkaUsageTest {

    private static String[] execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BenchKafkaCommand.commandLine();
        commandLine.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--records 10          | --records must be a whole number from 1000 to 100000000, got 10",
        "--records many        | 'many' is not a long; accepted: a whole number from 1000 to 100000000",
        "--payload-bytes 0     | --payload-bytes must be a comma-separated list of sizes, each a whole number from 1 to 900000 (e.g. 100,1024), got '0'",
        "--payload-bytes 100,x | --payload-bytes must be a comma-separated list of sizes, each a whole number from 1 to 900000 (e.g. 100,1024), got '100,x'",
        "--payload-bytes 100,  | got '100,'",
        "--partitions 0        | --partitions must be a whole number from 1 to 1000, got 0",
        "--producers 40        | --producers must be a whole number from 1 to 32, got 40",
        "--bootstrap nohost    | --bootstrap must be HOST:PORT[,HOST:PORT...]",
        "--sweep-duration 0s   | --sweep-duration must be from 1s to 1h, got 0 ms",
        "--timeout soon        | 'soon' is not a duration such as 90s, 10m or 1h",
        "--timeout 0s          | --timeout must be from 1s to 24h, got 0 ms",
        "--sweep               | Unknown option: '--sweep'; accepted options: --bootstrap, --consumers",
    })
    void refusesBadInputWithOneLineThatNamesTheProblemAndWhatIsAccepted(String args, String expected) {
        String[] outcome = execute(args.trim().split("\\s+"));

        assertThat(Integer.parseInt(outcome[0])).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome[2]).contains(expected).endsWith(System.lineSeparator())
                .as("no second, wrong range from run's --payload-bytes").doesNotContain("from 0 to 900000");
        assertThat(outcome[2].strip().lines()).as("one line").hasSize(1);
        assertThat(outcome[2]).startsWith("handoff bench-kafka: ").endsWith("(see ./handoff bench-kafka --help)"
                + System.lineSeparator());
        assertThat(outcome[1]).isEmpty();
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String[] outcome = execute("--help");

        assertThat(outcome[0]).isEqualTo("0");
        assertThat(outcome[1]).contains("--records=N", "Default: 1000000", "--payload-bytes=B[,B...]",
                "Default: 100,1024", "--partitions=N", "Default: 6", "--producers=P", "--bootstrap=HOST:PORT",
                "--skip-sweep", "--sweep-duration=DURATION", "Default: 20s", "--timeout=DURATION", "Exit codes");
    }
}
