package io.handoff.shared.message;

import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.JsonSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Launch;
import io.handoff.shared.message.control.Terminate;
import io.handoff.shared.message.control.Crash;
import io.handoff.shared.message.control.Mode;
import io.handoff.shared.message.control.Rate;
import io.handoff.shared.message.control.Start;
import io.handoff.shared.message.control.Stop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractJsonTest {

    private final JsonSerializer<Object> serializer = new JsonSerializer<>();

    @Test
    void statusEventsKeepTheirKindThroughJson() throws IOException {
        StatusEvent[] events = {
            new Hello("run-1", "consumer-0", Role.CONSUMER, 4242, "host-a", 10),
            new ProducerDone("run-1", "producer-1", 100_000, 0, 2_500, 11, java.util.Map.of("unsigned", 3L), 0),
            new ConsumerDone("run-1", "consumer-0", 66_000, 2, 1, 0, new LedgerTotals(1000, 1_000_000, 1_000_000),
                    new ConsumerStats("ordered", "platform", 4, 120, 0, 0, 3, 3, 0, 1), List.of(0, 2), 12, Map.of("forged", 1L), 0),
            new ProducerProgress("run-1", "producer-0", 13, 5_000, 12, 300, 800, 1_000, 0, 64_000_000,
                    new ConcurrencySample(13, List.of(new ConcurrencySample.ThreadCount("generator", "running", false, 2)),
                            ConcurrencySample.Locks.NONE, ConcurrencySample.Audit.NONE, 90_000)),
            new ConsumerProgress("run-1", "consumer-1", 14, 4242, 4_200, Map.of("producer-0", 4_200L), 17, 9, 2, 310,
                    List.of(0, 3), List.of(3), 0, 1, 80_000_000, new ConcurrencySample(15,
                            List.of(new ConcurrencySample.ThreadCount("worker", "parked", true, 4)),
                            new ConcurrencySample.Locks("naive", 90, 4_000_000, 90, 2_000_000, 3, 0),
                            new ConcurrencySample.Audit(3, 1, 2, 90, 1_000_000), 120_000)),
        };
        for (StatusEvent event : events) {
            byte[] bytes = serializer.serialize("status", event);

            assertThat(Json.read(bytes, StatusEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void statusJsonNamesItsKindForOtherClients() {
        byte[] bytes = serializer.serialize("status", new ProducerDone("r", "producer-0", 5, 0, 1, 2, java.util.Map.of(), 0));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"type\":\"producer-done\"");
    }

    @Test
    void resultsAndEveryControlCommandRoundTrip() throws IOException {
        Result result = new Result("run-1", "producer-0", 7, "consumer-1", 4242, "worker-2", 3, 99, 1000, 1012);
        ControlCommand[] commands = {
            new Start("run-1", ControlCommand.EVERYONE, 1, List.of("producer-0", "producer-1")),
            new Stop("run-1", ControlCommand.EVERYONE, 2),
            new Rate("run-1", "producer-1", 3, 500),
            new Crash("run-1", "consumer-2", 4),
            new Mode("run-1", ControlCommand.EVERYONE, 5, 20),
            new Launch("run-1", "agent-a", 6, "launch-1", "consumer-0", Role.CONSUMER,
                    Map.of("HANDOFF_CONSUMER_WORKERS", "4"), "5f0c2a1e9b7d4c3a"),
            new Terminate("run-1", "agent-a", 7, "launch-1", 10_000),
        };

        assertThat(Json.read(serializer.serialize("results", result), Result.class)).isEqualTo(result);
        for (ControlCommand command : commands) {
            assertThat(Json.read(serializer.serialize("control", command), ControlCommand.class)).isEqualTo(command);
        }
        StatusEvent[] agentEvents = {
            new AgentHello("", "agent-a", Role.CONSUMER, 11, "host-a", 8, "", java.util.Map.of("unsigned", 2L), "i-1"),
            new ProcessLaunched("run-1", "consumer-0", "agent-a", "launch-1", 12, "runs/run-1/consumer-0.log", 9),
            new ProcessExited("run-1", "consumer-0", "agent-a", "launch-1", 12, 137, 10, List.of("halted")),
        };
        for (StatusEvent event : agentEvents) {
            assertThat(Json.read(serializer.serialize("status", event), StatusEvent.class)).isEqualTo(event);
        }
        assertThat(new String(serializer.serialize("control", commands[0]), StandardCharsets.UTF_8))
                .contains("\"command\":\"start\"");
    }

    /** What anyone may write to a topic: every reader gets a T or an IOException saying why, never anything else. */
    @Test
    void everyContractTypeRefusesHostileBytesWithAReason() {
        List<byte[]> hostile = new java.util.ArrayList<>(java.util.Arrays.asList(null, new byte[0]));
        for (String text : List.of("null", "garbage", "[]", "{}", "123", "\"text\"", "{\"type\":null}",
                "{\"type\":\"stop\",\"runId\":null}", "{\"type\":\"stop\",\"runId\":5,\"target\":[]}",
                "{\"type\":42}", "[".repeat(5_000), "{\"runId\":\"r\",\"producerId\":\"p\",\"sent\":-1}",
                "{\"type\":\"consumer-credits\",\"runId\":\"r\",\"instanceId\":\"c\",\"atMs\":1,\"pid\":2,"
                        + "\"processedByProducer\":{\"producer-0\":null}}")) {
            hostile.add(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        hostile.add(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xfd});
        for (Class<?> type : List.of(ControlCommand.class, StatusEvent.class, Result.class, Sentinel.class)) {
            for (byte[] bytes : hostile) {
                assertThatThrownBy(() -> Json.read(bytes, type))
                        .as("%s from %s", type.getSimpleName(), bytes == null ? "null" : new String(bytes,
                                java.nio.charset.StandardCharsets.UTF_8).substring(0, Math.min(40, bytes.length)))
                        .isInstanceOf(IOException.class).hasMessageNotContaining("null pointer");
            }
        }
    }

    /** A launch starts a JVM on an agent: only Handoff's settings, and ids that are safe as file names. */
    @Test
    void aLaunchCarriesOnlyKnownSettingsAndSafeIds() {
        Map<String, String> ok = Map.of("HANDOFF_CONSUMER_WORKERS", "4", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,[::1]:9092",
                "HANDOFF_PRODUCER_WORK", "cpu:200");
        assertThat(new Launch("20261201-130325-22tp", "consumer-7c9f-x2x9z", 1, "0b6d6ee4-1f2a", "consumer-0",
                Role.CONSUMER, ok, "i-1").env()).isEqualTo(ok);
        for (Map<String, String> env : List.of(Map.of("JAVA_TOOL_OPTIONS", "-javaagent:/tmp/evil.jar"),
                Map.of("LD_PRELOAD", "/tmp/evil.so"), Map.of("MP_MESSAGING_OUTGOING_RESULTS_TOPIC", "elsewhere"),
                Map.of("HANDOFF_CONSUMER_WORKERS", "4 -XX:OnOutOfMemoryError=sh"),
                Map.of("HANDOFF_CONSUMER_WORKERS", "4\nLD_PRELOAD=x"))) {
            assertThatThrownBy(() -> new Launch("run-1", "agent-a", 1, "l-1", "consumer-0", Role.CONSUMER, env, "i-1"))
                    .as("%s", env).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accepted")
                    .satisfiesAnyOf(e -> assertThat(e).hasMessageContaining("not one"),
                            e -> assertThat(e).hasMessageContaining("value outside"));
        }
        for (String id : List.of("../../etc", "a/b", "..", ".hidden", "", "x".repeat(101), "run 1", "run\n1")) {
            assertThatThrownBy(() -> new Launch(id, "agent-a", 1, "l-1", "consumer-0", Role.CONSUMER, Map.of(), "i-1"))
                    .as("runId '%s'", id).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runId");
            assertThatThrownBy(() -> new Launch("run-1", "agent-a", 1, "l-1", id, Role.CONSUMER, Map.of(), "i-1"))
                    .as("instanceId '%s'", id).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceId");
        }
        byte[] forged = ("{\"command\":\"launch\",\"runId\":\"run-1\",\"target\":\"agent-a\",\"atMs\":1,"
                + "\"launchId\":\"l-1\",\"instanceId\":\"consumer-0\",\"role\":\"CONSUMER\","
                + "\"env\":{\"JAVA_TOOL_OPTIONS\":\"-javaagent:evil.jar\"},\"agentIncarnation\":\"i-1\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(forged, ControlCommand.class)).as("what an agent reads from control")
                .isInstanceOf(IOException.class).hasMessageContaining("JAVA_TOOL_OPTIONS");
    }

    @Test
    void anUnknownCommandIsRefusedNotGuessed() {
        byte[] bytes = "{\"command\":\"reboot\",\"runId\":\"r\",\"target\":\"*\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Json.read(bytes, ControlCommand.class)).isInstanceOf(IOException.class);
    }

    @Test
    void sentinelsRoundTrip() throws IOException {
        Sentinel sentinel = new Sentinel("run-1", "producer-2", 33_333, 5, 9);

        assertThat(Json.read(serializer.serialize("items", sentinel), Sentinel.class)).isEqualTo(sentinel);
    }

    @Test
    void anUnknownStatusKindIsRefusedNotGuessed() {
        byte[] bytes = "{\"type\":\"reboot\",\"runId\":\"r\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Json.read(bytes, StatusEvent.class)).isInstanceOf(IOException.class);
    }

    @Test
    void controlCommandsAddressOnlyTheirRunAndTarget() {
        ControlCommand everyone = new Stop("run-1", ControlCommand.EVERYONE, 0);
        ControlCommand one = new Crash("run-1", "consumer-2", 0);

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
