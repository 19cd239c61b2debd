package io.handoff.shared.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;

import java.io.IOException;

/**
 * {@link Item} to and from JSON: written straight into bytes ({@link JsonBytes}), read with Jackson's streaming
 * parser; the same bytes the shared mapper writes (fields in record order), at a fraction of its cost, since an item is written once and read once per item of every
 * run. Reading has a fast path for well-formed items only; anything else (a missing field, a number as a
 * string, an invalid value) returns null, and {@link ItemParser} then asks the mapper, which accepts exactly
 * what it always accepted and says exactly why it refuses the rest.
 */
public final class ItemCodec {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private ItemCodec() {
    }

    public static byte[] write(Item item) {
        return new JsonBytes(180 + item.payload().length())
                .constant("runId", item.runId())
                .constant("producerId", item.producerId())
                .number("seq", item.seq())
                .string("key", item.key())
                .number("createdAtMs", item.createdAtMs())
                .object("transfer")
                .number("from", item.transfer().from())
                .number("to", item.transfer().to())
                .number("amount", item.transfer().amount())
                .end()
                .object("work")
                .constant("kind", item.work().kind().name())
                .number("units", item.work().units())
                .end()
                .constant("payload", item.payload())
                .toBytes();
    }

    /** The item, if {@code value} is a well-formed one; null for anything the mapper must judge. */
    static Item readWellFormed(byte[] value) {
        try (JsonParser json = FACTORY.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String runId = null;
            String producerId = null;
            String key = null;
            String payload = null;
            long seq = -1;
            long createdAtMs = -1;
            Transfer transfer = null;
            Work work = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "runId" -> runId = text(json, token);
                    case "producerId" -> producerId = text(json, token);
                    case "key" -> key = text(json, token);
                    case "payload" -> payload = text(json, token);
                    case "seq" -> seq = number(json, token);
                    case "createdAtMs" -> createdAtMs = number(json, token);
                    case "transfer" -> transfer = transfer(json, token);
                    case "work" -> work = work(json, token);
                    default -> json.skipChildren(); // unknown fields are allowed, as the mapper allows them
                }
            }
            if (runId == null || producerId == null || key == null || payload == null || seq < 0 || createdAtMs < 0
                    || transfer == null || work == null) {
                return null;
            }
            return new Item(runId, producerId, seq, key, createdAtMs, transfer, work, payload);
        } catch (IOException | RuntimeException e) {
            return null; // not well-formed: the mapper says why
        }
    }

    private static String text(JsonParser json, JsonToken token) throws IOException {
        return JsonFields.text(json, token);
    }

    /** A non-negative integer; -1 (taken as missing) otherwise. */
    private static long number(JsonParser json, JsonToken token) throws IOException {
        return Math.max(-1, JsonFields.number(json, token, -1));
    }

    private static Transfer transfer(JsonParser json, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            return null;
        }
        long from = -1;
        long to = -1;
        long amount = -1;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "from" -> from = number(json, value);
                case "to" -> to = number(json, value);
                case "amount" -> amount = number(json, value);
                default -> json.skipChildren();
            }
        }
        if (from < 0 || to < 0 || amount < 0 || from > Integer.MAX_VALUE || to > Integer.MAX_VALUE) {
            return null;
        }
        return new Transfer((int) from, (int) to, amount);
    }

    private static Work work(JsonParser json, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            return null;
        }
        String kind = null;
        long units = -1;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "kind" -> kind = text(json, value);
                case "units" -> units = number(json, value);
                default -> json.skipChildren();
            }
        }
        if (kind == null || units < 0 || units > Integer.MAX_VALUE) {
            return null;
        }
        if (kind.equals("NONE") && units == 0) {
            return Work.NONE; // the common case, shared
        }
        return new Work(Work.Kind.valueOf(kind), (int) units);
    }
}
