package io.handoff.coordinator.it;

import io.handoff.coordinator.process.FreePorts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong input through the real launcher: a one-line error naming the problem and what is accepted, a
 * non-zero exit, and no hang. An unreachable broker is reported within 20 seconds.
 */
class BadInputIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "run --frobnicate       | 2 | Unknown option: '--frobnicate'; accepted options:",
        "run --items -1         | 2 | --items must be a whole number from 0 to 1000000000, got -1",
        "run --partitions 0     | 2 | --partitions must be a whole number from 1 to 1000, got 0",
        "run --producers 0      | 2 | --producers must be a whole number from 1 to 32, got 0",
        "soak --duration 30s    | 2 | soak: duration must be at least 60 s, got 30 s",
        "run --bootstrap no-such-host.invalid:9092 | 3 | cannot use Kafka at no-such-host.invalid:9092",
        "run --bootstrap 127.0.0.1:PORT            | 3 | cannot reach Kafka at 127.0.0.1:",
    })
    void refusesWithOneLineAndANonZeroExitInTime(String args, int exitCode, String message) throws Exception {
        String[] argv = args.trim().replace("PORT", Integer.toString(FreePorts.next())).split("\\s+");

        Launcher.Outcome outcome = Launcher.run(Duration.ofSeconds(60), argv);

        assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isEqualTo(exitCode);
        assertThat(outcome.err()).contains(message);
        assertThat(outcome.err().strip().lines()).as("one line: %s", outcome.err()).hasSize(1);
        assertThat(outcome.took()).as("answered in time").isLessThan(Duration.ofSeconds(20));
    }
}
