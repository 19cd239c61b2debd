package io.handoff.shared.auth;

import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Crash;
import io.handoff.shared.message.control.Stop;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The control plane's authenticator: only the key's holder is obeyed, each command once. */
class ControlGateTest {

    private static final ControlKey KEY = ControlKey.of("0123456789abcdef0123456789abcdef");
    private static final Crash CRASH = new Crash("run-1", "consumer-0", 1_000);

    @Test
    void obeysASealedCommandOnceAndRefusesItsCopy() {
        ControlGate gate = new ControlGate(KEY);
        ProducerRecord<byte[], byte[]> record = ControlRecords.signed(KEY, CRASH);

        assertThat(gate.check(record.headers(), record.value())).isEqualTo(new ControlGate.Outcome.Obey(CRASH));
        assertThat(reason(gate.check(record.headers(), record.value()))).isEqualTo(Rejection.REPLAYED);
        assertThat(new ControlGate(KEY).check(record.headers(), record.value()))
                .as("a receiver that starts later meets the original first").isInstanceOf(ControlGate.Outcome.Obey.class);
    }

    @Test
    void refusesWhatTheKeyDidNotSeal() {
        ControlGate gate = new ControlGate(KEY);
        byte[] value = new JsonSerializer<ControlCommand>().serialize("control", CRASH);
        byte[] seal = ControlSeal.seal(KEY, value);

        assertThat(reason(gate.check((byte[]) null, value, c -> true))).isEqualTo(Rejection.UNSIGNED);
        assertThat(reason(gate.check(ControlSeal.seal(ControlKey.generate(), value), value, c -> true))).isEqualTo(Rejection.FORGED);
        byte[] changed = new JsonSerializer<ControlCommand>().serialize("control", new Crash("run-1", "consumer-1", 1_000));
        assertThat(reason(gate.check(seal, changed, c -> true))).as("a sealed crash re-aimed at another target")
                .isEqualTo(Rejection.FORGED);
        byte[] later = new String(seal, StandardCharsets.US_ASCII).replaceFirst("^v1\\.(\\d+)", "v1.9$1")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(reason(gate.check(later, value, c -> true))).as("a seal with its issue time moved").isEqualTo(Rejection.FORGED);
        for (String garbage : new String[] {"", "v1", "v1.1.2.3", "v2.1.00000000000000000000000000000000.AAAA",
                "v1.1.00000000000000000000000000000000.!!!", "v1.99999999999999999999.00000000000000000000000000000000.A"}) {
            assertThat(reason(gate.check(garbage.getBytes(StandardCharsets.US_ASCII), value, c -> true))).as(garbage)
                    .isEqualTo(Rejection.FORGED);
        }
        assertThat(reason(gate.check(ControlSeal.seal(KEY, null), null, c -> true))).as("a sealed null").isEqualTo(Rejection.UNREADABLE);
        byte[] notCommand = "{\"command\":\"reboot\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(reason(gate.check(ControlSeal.seal(KEY, notCommand), notCommand, c -> true))).isEqualTo(Rejection.UNREADABLE);
        assertThat(gate.check((byte[]) null, value, c -> c.target().equals("consumer-9"))).as("another's command, unsealed")
                .isEqualTo(new ControlGate.Outcome.Ignore());
        assertThat(gate.check(seal, value, c -> true)).as("the original still passes after all that")
                .isEqualTo(new ControlGate.Outcome.Obey(CRASH));
    }

    @Test
    void keepsABoundedMemoryAndRefusesWhatIsOlderThanIt() throws Exception {
        ReplayGuard guard = new ReplayGuard(3);
        for (int i = 1; i <= 4; i++) {
            guard.admit(new ControlSeal.Opened(i, "nonce-" + i));
        }
        // nonce-1 was forgotten: anything issued at or before its time can no longer be checked, so it is refused.
        assertThatThrownBy(() -> guard.admit(new ControlSeal.Opened(1, "nonce-1")))
                .isInstanceOfSatisfying(ControlSeal.Refused.class, e -> assertThat(e.reason()).isEqualTo(Rejection.EXPIRED));
        assertThatThrownBy(() -> guard.admit(new ControlSeal.Opened(4, "nonce-4")))
                .isInstanceOfSatisfying(ControlSeal.Refused.class, e -> assertThat(e.reason()).isEqualTo(Rejection.REPLAYED));
        guard.admit(new ControlSeal.Opened(2, "nonce-new"));
    }

    @Test
    void keysAreLongEnoughReadFromTheEnvironmentOrAFileAndNeverPrinted(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assertThatThrownBy(() -> ControlKey.of("short")).hasMessageContaining("the control key has 5 characters, fewer than 32")
                .hasMessageContaining("HANDOFF_CONTROL_KEY");
        Path file = Files.writeString(dir.resolve("control.key"), "fedcba9876543210fedcba9876543210\n");
        assertThat(ControlKey.fromEnvironment(Map.of(ControlKey.FILE_ENV, file.toString())).orElseThrow().text())
                .isEqualTo("fedcba9876543210fedcba9876543210");
        assertThat(ControlKey.fromEnvironment(Map.of(ControlKey.ENV, KEY.text(), ControlKey.FILE_ENV, file.toString()))
                .orElseThrow().text()).isEqualTo(KEY.text());
        assertThat(ControlKey.fromEnvironment(Map.of())).isEmpty();
        assertThatThrownBy(() -> ControlKey.fromEnvironment(Map.of(ControlKey.FILE_ENV, dir.resolve("none").toString())))
                .hasMessageContaining("cannot read HANDOFF_CONTROL_KEY_FILE=");
        assertThat(KEY.toString()).doesNotContain(KEY.text());
        assertThat(ControlKey.generate().text()).hasSize(64).isNotEqualTo(ControlKey.generate().text());
        byte[] value = new JsonSerializer<ControlCommand>().serialize("control", new Stop("r", "*", 1));
        assertThat(new String(ControlSeal.seal(KEY, value), StandardCharsets.US_ASCII)).doesNotContain(KEY.text());
        assertThat(Arrays.equals(ControlSeal.seal(KEY, value), ControlSeal.seal(KEY, value))).as("a nonce each").isFalse();
    }

    private static Rejection reason(ControlGate.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ControlGate.Outcome.Refuse.class);
        return ((ControlGate.Outcome.Refuse) outcome).reason();
    }
}
