package io.handoff.shared.message;

import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.JsonSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractJsonTest {

    private final JsonSerializer<Object> serializer = new JsonSerializer<>();

    @Test
    void statusEventsKeepTheirKindThroughJson() throws IOException {
        StatusEvent[] events = {
            new Hello("run-1", "consumer-0", Role.CONSUMER, 4242, "host-a", 10),
            new ProducerDone("run-1", "producer-1", 100_000, 0, 2_500, 11),
            new ConsumerDone("run-1", "consumer-0", 66_000, 2, 1, 0, new LedgerTotals(1000, 1_000_000, 1_000_000),
                    new ConsumerStats("ordered", "platform", 4, 120, 0, 0, 3, 3, 0), 12),
        };
        for (StatusEvent event : events) {
            byte[] bytes = serializer.serialize("status", event);

            assertThat(Json.read(bytes, StatusEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void statusJsonNamesItsKindForOtherClients() {
        byte[] bytes = serializer.serialize("status", new ProducerDone("r", "producer-0", 5, 0, 1, 2));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"type\":\"producer-done\"");
    }

    @Test
    void resultsAndControlCommandsRoundTrip() throws IOException {
        Result result = new Result("run-1", "producer-0", 7, "consumer-1", "worker-2", 3, 99, 1000, 1012);
        ControlCommand stop = new ControlCommand("run-1", ControlCommand.EVERYONE, ControlCommand.Command.STOP, 5);

        assertThat(Json.read(serializer.serialize("results", result), Result.class)).isEqualTo(result);
        assertThat(Json.read(serializer.serialize("control", stop), ControlCommand.class)).isEqualTo(stop);
    }

    @Test
    void anUnknownStatusKindIsRefusedNotGuessed() {
        byte[] bytes = "{\"type\":\"reboot\",\"runId\":\"r\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Json.read(bytes, StatusEvent.class)).isInstanceOf(IOException.class);
    }

    @Test
    void controlCommandsAddressOnlyTheirRunAndTarget() {
        ControlCommand everyone = new ControlCommand("run-1", ControlCommand.EVERYONE, ControlCommand.Command.STOP, 0);
        ControlCommand one = new ControlCommand("run-1", "consumer-2", ControlCommand.Command.STOP, 0);

        assertThat(everyone.addresses("run-1", "consumer-0")).isTrue();
        assertThat(everyone.addresses("run-2", "consumer-0")).isFalse();
        assertThat(one.addresses("run-1", "consumer-2")).isTrue();
        assertThat(one.addresses("run-1", "consumer-0")).isFalse();
    }

    @Test
    void ledgerDriftIsTheMoneyLostOrInvented() {
        assertThat(new LedgerTotals(10, 1000, 1000).conserved()).isTrue();
        assertThat(new LedgerTotals(10, 990, 1000).drift()).isEqualTo(-10);
        assertThat(new LedgerTotals(10, 990, 1000).conserved()).isFalse();
    }

    @Test
    void aTransferThatCreatesNoMovementIsRefused() {
        assertThatThrownBy(() -> new Transfer(3, 3, 10)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> new Transfer(1, 2, 0)).hasMessageContaining("amount must be > 0");
    }
}
