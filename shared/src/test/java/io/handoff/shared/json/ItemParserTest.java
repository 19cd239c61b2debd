package io.handoff.shared.json;

import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemParserTest {

    private static final Item ITEM = new Item("run-1", "producer-0", 41, "acct-7", 1_700_000_000_000L,
            new Transfer(7, 9, 25), new Work(Work.Kind.CPU, 50), "x".repeat(100));

    @Test
    void readsBackEveryFieldThatTheSerializerWrote() throws Exception {
        byte[] bytes = new JsonSerializer<Item>().serialize("items", ITEM);

        assertThat(ItemParser.parse(bytes)).isEqualTo(ITEM);
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoThatNewerWritersStayReadable() throws Exception {
        String json = new String(new JsonSerializer<Item>().serialize("items", ITEM), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\":true,");

        assertThat(ItemParser.parse(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(ITEM);
    }

    @Test
    void rejectsGarbageBytesAsNotJson() {
        byte[] garbage = {(byte) 0xff, 0x00, 0x13, 0x37, (byte) 0xfe};

        assertThatThrownBy(() -> ItemParser.parse(garbage))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageStartingWith("not JSON");
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThatThrownBy(() -> ItemParser.parse(new byte[0]))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageContaining("empty record");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "JSON array                     | [1,2,3]                                                     | not an item",
        "object of the wrong shape      | {\"hello\":\"world\"}                                       | not an item",
        "missing sequence number        | {\"runId\":\"r\",\"producerId\":\"p\",\"key\":\"k\",\"createdAtMs\":1,\"transfer\":{\"from\":1,\"to\":2,\"amount\":3},\"work\":{\"kind\":\"NONE\",\"units\":0},\"payload\":\"\"} | not an item at 'seq': missing field",
        "null transfer                  | {\"runId\":\"r\",\"producerId\":\"p\",\"seq\":1,\"key\":\"k\",\"createdAtMs\":1,\"transfer\":null,\"work\":{\"kind\":\"NONE\",\"units\":0},\"payload\":\"\"} | not an item at 'transfer': missing field",
        "negative amount                | {\"runId\":\"r\",\"producerId\":\"p\",\"seq\":1,\"key\":\"k\",\"createdAtMs\":1,\"transfer\":{\"from\":1,\"to\":2,\"amount\":-3},\"work\":{\"kind\":\"NONE\",\"units\":0},\"payload\":\"\"} | amount must be > 0",
        "text where a number belongs    | {\"runId\":\"r\",\"producerId\":\"p\",\"seq\":\"one\",\"key\":\"k\",\"createdAtMs\":1,\"transfer\":{\"from\":1,\"to\":2,\"amount\":3},\"work\":{\"kind\":\"NONE\",\"units\":0},\"payload\":\"\"} | 'seq'",
        "negative sequence number       | {\"runId\":\"r\",\"producerId\":\"p\",\"seq\":-1,\"key\":\"k\",\"createdAtMs\":1,\"transfer\":{\"from\":1,\"to\":2,\"amount\":3},\"work\":{\"kind\":\"NONE\",\"units\":0},\"payload\":\"\"} | seq must be >= 0",
    })
    void rejectsWellFormedJsonThatIsNotAnItemAndSaysWhy(String name, String json, String reason) {
        assertThatThrownBy(() -> ItemParser.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedItemException.class)
                .hasMessageContaining(reason)
                .message().doesNotContain("\n");
    }
}
