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
            assertThat(ItemCodec.readStreaming(written)).as("streaming path").isEqualTo(item);
            assertThat(ItemParser.parse(written)).isEqualTo(item);
        }
        Result result = new Result("run-1", "producer-0", 41, "consumer-2", 4242, "worker-3", 5, 1234, 17, 19);
        byte[] written = ResultCodec.write(result);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(Json.mapper().writeValueAsString(result));
        assertThat(ResultCodec.readWellFormed(written)).isEqualTo(result);
        assertThat(ResultCodec.readCanonical(written)).as("one pass").isEqualTo(result);
        assertThat(ResultCodec.readStreaming(written)).isEqualTo(result);
    }

    @Test
    void readsItsOwnAsciiLayoutInOnePassAndLeavesEscapesAndOtherTextToTheStreamingParser() {
        assertThat(ItemCodec.readCanonical(ItemCodec.write(ITEMS.getFirst()))).isEqualTo(ITEMS.getFirst());
        assertThat(ItemCodec.readCanonical(ItemCodec.write(ITEMS.get(1)))).as("escaped quotes, non-ASCII").isNull();
        assertThat(ItemCodec.readCanonical(ItemCodec.write(ITEMS.get(2)))).as("control characters").isNull();
        byte[] spaced = new String(ItemCodec.write(ITEMS.getFirst()), StandardCharsets.UTF_8).replace(",", ", ")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ItemCodec.readCanonical(spaced)).isNull();
        assertThat(ItemCodec.readWellFormed(spaced)).isEqualTo(ITEMS.getFirst());
    }

    /** Every digit count, the edges of the eight-digit groups, and random values: as Jackson writes them. */
    @Test
    void writesEveryNumberAsTheMapperDoes() throws Exception {
        java.util.List<Long> values = new java.util.ArrayList<>(List.of(0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1, -1L));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            values.addAll(List.of(p - 1, p, p + 1, 10 * p - 1, -p, -(p - 1), p * 7 + 3));
        }
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long v : values) {
            Result result = new Result("r", "p", v, "c", v, "w", (int) v, v, v, v);
            assertThat(new String(ResultCodec.write(result), StandardCharsets.UTF_8)).as("%d", v)
                    .isEqualTo(Json.mapper().writeValueAsString(result));
            if (v > Long.MIN_VALUE && Math.abs(v) < 1_000_000_000_000_000_000L) {
                assertThat(ResultCodec.readCanonical(ResultCodec.write(result))).as("%d", v).isEqualTo(result);
            }
        }
    }

    /**
     * Any change to a record's bytes (one byte replaced, dropped or added, or the record cut short) is either
     * read in one pass as exactly what the mapper reads, or left to the slower paths: never read differently.
     */
    @Test
    void neverReadsInOnePassWhatTheMapperWouldReadOtherwise() {
        byte[] item = ItemCodec.write(new Item("run-1", "producer-0", 1234, "acct-7", 1_700_000_000_123L,
                new Transfer(7, 9, 25), new Work(Work.Kind.CPU, 5), "xxxxxxxx"));
        byte[] result = ResultCodec.write(new Result("run-1", "producer-0", 41, "consumer-2", 4242, "worker-3", 5,
                1234, 17, 19));
        byte[] alphabet = "{}[]\":,.-+0123456789eEaxtrue \\\u00e9".getBytes(StandardCharsets.UTF_8);
        java.util.Random random = new java.util.Random(11);
        int oneRead = 0;
        for (int i = 0; i < 40_000; i++) {
            boolean ofItem = i % 2 == 0;
            byte[] original = ofItem ? item : result;
            byte[] changed = mutate(original, random, alphabet);
            Object fast = ofItem ? ItemCodec.readCanonical(changed) : ResultCodec.readCanonical(changed);
            if (fast == null) {
                continue;
            }
            oneRead++;
            Object mapper;
            try {
                Class<?> type = ofItem ? Item.class : Result.class;
                mapper = Json.mapper().readValue(changed, type);
            } catch (java.io.IOException e) {
                throw new AssertionError("read in one pass, refused by the mapper: "
                        + new String(changed, StandardCharsets.UTF_8), e);
            }
            assertThat(fast).as(new String(changed, StandardCharsets.UTF_8)).isEqualTo(mapper);
        }
        assertThat(oneRead).as("some changes keep the layout (a digit or a letter for another)").isGreaterThan(1_000);
    }

    private static byte[] mutate(byte[] original, java.util.Random random, byte[] alphabet) {
        int at = random.nextInt(original.length);
        byte b = alphabet[random.nextInt(alphabet.length)];
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = original.clone();
                copy[at] = b;
                yield copy;
            }
            case 1 -> {
                byte[] copy = new byte[original.length - 1];
                System.arraycopy(original, 0, copy, 0, at);
                System.arraycopy(original, at + 1, copy, at, original.length - at - 1);
                yield copy;
            }
            case 2 -> {
                byte[] copy = new byte[original.length + 1];
                System.arraycopy(original, 0, copy, 0, at);
                copy[at] = b;
                System.arraycopy(original, at, copy, at + 1, original.length - at);
                yield copy;
            }
            default -> java.util.Arrays.copyOf(original, at);
        };
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
