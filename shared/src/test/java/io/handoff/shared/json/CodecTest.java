package io.handoff.shared.json;

import io.handoff.shared.message.Item;
import io.handoff.shared.message.Result;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecTest {

    private static final List<Item> ITEMS = List.of(
            new Item("run-1", "producer-0", 0, "acct-7", 1_700_000_000_000L, new Transfer(7, 9, 25), Work.NONE, ""),
            new Item("run \"quoted\" ü", "producer-12", Long.MAX_VALUE, "acct-0", 0, new Transfer(0, 999, Long.MAX_VALUE),
                    new Work(Work.Kind.CPU, 50), "x".repeat(1024)),
            new Item("r", "p", 3, "k\n\\/\r\b\f\u001f\u007f", 5, new Transfer(1, 2, 3), new Work(Work.Kind.IO, 10_000_000),
                    "\u0000\t 日本 \uD83D\uDE00 é"));

    @Test
    void writesTheSameBytesAsTheSharedMapperAndReadsThemBack() throws Exception {
        for (Item item : ITEMS) {
            byte[] written = ItemCodec.write(item);
            assertThat(new String(written, StandardCharsets.UTF_8))
                    .isEqualTo(Json.mapper().writeValueAsString(item));
            assertThat(ItemCodec.write(item)).as("written again, constants from the cache").isEqualTo(written);
            assertThat(ItemCodec.readWellFormed(written)).as("fast path").isEqualTo(item);
            assertThat(ItemParser.parse(written)).isEqualTo(item);
        }
        Result result = new Result("run-1", "producer-0", 41, "consumer-2", 4242, "worker-3", 5, 1234, 17, 19);
        byte[] written = ResultCodec.write(result);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(Json.mapper().writeValueAsString(result));
        assertThat(ResultCodec.readWellFormed(written)).isEqualTo(result);
    }

    @Test
    void leavesAnythingNotWellFormedToTheMapperWhichAcceptsAndRefusesAsBefore() throws Exception {
        String numberAsText = "{\"runId\":\"r\",\"producerId\":\"p\",\"seq\":\"4\",\"key\":\"k\",\"createdAtMs\":-5,"
                + "\"transfer\":{\"from\":1,\"to\":2,\"amount\":3},\"work\":{\"kind\":\"NONE\",\"units\":0},\"payload\":\"\"}";
        byte[] bytes = numberAsText.getBytes(StandardCharsets.UTF_8);
        assertThat(ItemCodec.readWellFormed(bytes)).as("not the fast path's shape").isNull();
        assertThat(ItemParser.parse(bytes)).as("what the mapper accepts, still accepted")
                .isEqualTo(Json.mapper().readValue(bytes, Item.class));

        byte[] zeroAmount = new String(ItemCodec.write(ITEMS.getFirst()), StandardCharsets.UTF_8)
                .replace("\"amount\":25", "\"amount\":0").getBytes(StandardCharsets.UTF_8);
        assertThat(ItemCodec.readWellFormed(zeroAmount)).isNull();
        assertThatThrownBy(() -> ItemParser.parse(zeroAmount)).isInstanceOf(MalformedItemException.class)
                .hasMessageContaining("amount must be > 0");

        byte[] noSeq = "{\"runId\":\"r\",\"finishedAtMs\":3}".getBytes(StandardCharsets.UTF_8);
        assertThat(ResultCodec.readWellFormed(noSeq)).isNull();
        assertThatThrownBy(() -> ResultCodec.read(noSeq)).isInstanceOf(java.io.IOException.class);
    }
}
