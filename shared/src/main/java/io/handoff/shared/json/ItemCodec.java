package io.handoff.shared.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;

import java.io.IOException;

/**
 * {@link Item} to and from JSON, since an item is written once and read once per item of every run: written
 * straight into bytes ({@link JsonBytes}), the same bytes the shared mapper writes (fields in record order),
 * at a fraction of its cost. Reading has fast paths for well-formed items only: that layout in one pass
 * ({@link JsonCursor}), other well-formed JSON with Jackson's streaming parser. Anything else (a missing field,
 * a number as a string, an invalid value) returns null, and {@link ItemParser} then asks the mapper, which
 * accepts exactly what it always accepted and says exactly why it refuses the rest.
 */
public final class ItemCodec {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private ItemCodec() {
    }

    private static final JsonName RUN_ID = JsonName.of("runId");
    private static final JsonName PRODUCER_ID = JsonName.of("producerId");
    private static final JsonName SEQ = JsonName.of("seq");
    private static final JsonName KEY = JsonName.of("key");
    private static final JsonName CREATED_AT_MS = JsonName.of("createdAtMs");
    private static final JsonName TRANSFER = JsonName.of("transfer");
    private static final JsonName FROM = JsonName.of("from");
    private static final JsonName TO = JsonName.of("to");
    private static final JsonName AMOUNT = JsonName.of("amount");
    private static final JsonName WORK = JsonName.of("work");
    private static final JsonName KIND = JsonName.of("kind");
    private static final JsonName UNITS = JsonName.of("units");
    private static final JsonName PAYLOAD = JsonName.of("payload");

    public static byte[] write(Item item) {
        return new JsonBytes(180 + item.payload().length())
                .constant(RUN_ID, item.runId())
                .constant(PRODUCER_ID, item.producerId())
                .number(SEQ, item.seq())
                .string(KEY, item.key())
                .number(CREATED_AT_MS, item.createdAtMs())
                .object(TRANSFER)
                .number(FROM, item.transfer().from())
                .number(TO, item.transfer().to())
                .number(AMOUNT, item.transfer().amount())
                .end()
                .object(WORK)
                .constant(KIND, item.work().kind().name())
                .number(UNITS, item.work().units())
                .end()
                .constant(PAYLOAD, item.payload())
                .toBytes();
    }

    /**
     * The item, if {@code value} is a well-formed one; null for anything the mapper must judge. Bytes in the
     * layout {@link #write} makes are read in one pass; other well-formed JSON (fields in another order,
     * spaces, escapes, non-ASCII text) with Jackson's streaming parser.
     */
    static Item readWellFormed(byte[] value) {
        Item exact = readCanonical(value);
        return exact != null ? exact : readStreaming(value);
    }

    /** The item, if {@code value} is exactly what {@link #write} writes for it; else null. */
    static Item readCanonical(byte[] value) {
        try {
            JsonCursor json = new JsonCursor(value);
            String runId = json.field(RUN_ID).string();
            String producerId = json.field(PRODUCER_ID).string();
            long seq = json.field(SEQ).number();
            String key = json.field(KEY).string();
            long createdAtMs = json.field(CREATED_AT_MS).number();
            json.field(TRANSFER).object();
            Transfer transfer = new Transfer(json.field(FROM).integer(), json.field(TO).integer(),
                    json.field(AMOUNT).number());
            json.end();
            json.field(WORK).object();
            String kind = json.field(KIND).string();
            int units = json.field(UNITS).integer();
            json.end();
            String payload = json.field(PAYLOAD).string();
            json.finish();
            Work work = kind.equals("NONE") && units == 0 ? Work.NONE : new Work(Work.Kind.valueOf(kind), units);
            return new Item(runId, producerId, seq, key, createdAtMs, transfer, work, payload);
        } catch (JsonCursor.NotCanonical | RuntimeException e) {
            return null; // another layout, or a value a record refuses: the slower paths judge it
        }
    }

    static Item readStreaming(byte[] value) {
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
