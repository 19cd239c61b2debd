package io.handoff.shared.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.handoff.shared.message.Result;

import java.io.IOException;

/**
 * {@link Result} to and from JSON (written straight into bytes; read in one pass when in that layout, else with
 * Jackson's streaming parser), for the two places that touch every result:
 * the consumer's workers write one per item, the coordinator's audit reads every one. Same bytes as the shared
 * mapper (fields in record order); reading takes the fast path for well-formed results and leaves anything
 * else to the mapper, so what is accepted and refused does not change.
 */
public final class ResultCodec {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private ResultCodec() {
    }

    private static final JsonName RUN_ID = JsonName.of("runId");
    private static final JsonName PRODUCER_ID = JsonName.of("producerId");
    private static final JsonName SEQ = JsonName.of("seq");
    private static final JsonName CONSUMER_ID = JsonName.of("consumerId");
    private static final JsonName CONSUMER_PID = JsonName.of("consumerPid");
    private static final JsonName WORKER = JsonName.of("worker");
    private static final JsonName PARTITION = JsonName.of("partition");
    private static final JsonName OFFSET = JsonName.of("offset");
    private static final JsonName CREATED_AT_MS = JsonName.of("createdAtMs");
    private static final JsonName FINISHED_AT_MS = JsonName.of("finishedAtMs");

    public static byte[] write(Result result) {
        return new JsonBytes(256)
                .string(RUN_ID, result.runId())
                .string(PRODUCER_ID, result.producerId())
                .number(SEQ, result.seq())
                .constant(CONSUMER_ID, result.consumerId())
                .number(CONSUMER_PID, result.consumerPid())
                .constant(WORKER, result.worker())
                .number(PARTITION, result.partition())
                .number(OFFSET, result.offset())
                .number(CREATED_AT_MS, result.createdAtMs())
                .number(FINISHED_AT_MS, result.finishedAtMs())
                .toBytes();
    }

    /** Reads a result: the fast path when it is well-formed, else the shared mapper (which throws why not). */
    public static Result read(byte[] value) throws IOException {
        Result fast = value == null ? null : readWellFormed(value);
        return fast != null ? fast : Json.read(value, Result.class);
    }

    /** The result, if well-formed: in {@link #write}'s layout read in one pass, else by the streaming parser. */
    static Result readWellFormed(byte[] value) {
        Result exact = readCanonical(value);
        return exact != null ? exact : readStreaming(value);
    }

    /** The result, if {@code value} is exactly what {@link #write} writes for it; else null. */
    static Result readCanonical(byte[] value) {
        try {
            JsonCursor json = new JsonCursor(value);
            Result result = new Result(json.field(RUN_ID).string(), json.field(PRODUCER_ID).string(),
                    json.field(SEQ).number(), json.field(CONSUMER_ID).string(), json.field(CONSUMER_PID).number(),
                    json.field(WORKER).string(), json.field(PARTITION).integer(), json.field(OFFSET).number(),
                    json.field(CREATED_AT_MS).number(), json.field(FINISHED_AT_MS).number());
            json.finish();
            return result;
        } catch (JsonCursor.NotCanonical e) {
            return null;
        }
    }

    static Result readStreaming(byte[] value) {
        try (JsonParser json = FACTORY.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String runId = null;
            String producerId = null;
            String consumerId = null;
            String worker = null;
            long[] numbers = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE};
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "runId" -> runId = text(json, token);
                    case "producerId" -> producerId = text(json, token);
                    case "consumerId" -> consumerId = text(json, token);
                    case "worker" -> worker = text(json, token);
                    case "seq" -> numbers[0] = number(json, token);
                    case "consumerPid" -> numbers[1] = number(json, token);
                    case "partition" -> numbers[2] = number(json, token);
                    case "offset" -> numbers[3] = number(json, token);
                    case "createdAtMs" -> numbers[4] = number(json, token);
                    case "finishedAtMs" -> numbers[5] = number(json, token);
                    default -> json.skipChildren();
                }
            }
            if (runId == null || producerId == null || consumerId == null || worker == null) {
                return null;
            }
            for (long number : numbers) {
                if (number == Long.MIN_VALUE) {
                    return null;
                }
            }
            if (numbers[2] > Integer.MAX_VALUE || numbers[2] < Integer.MIN_VALUE) {
                return null;
            }
            return new Result(runId, producerId, numbers[0], consumerId, numbers[1], worker, (int) numbers[2],
                    numbers[3], numbers[4], numbers[5]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonParser json, JsonToken token) throws IOException {
        return JsonFields.text(json, token);
    }

    private static long number(JsonParser json, JsonToken token) throws IOException {
        return JsonFields.number(json, token, Long.MIN_VALUE);
    }
}
