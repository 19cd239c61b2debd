package io.handoff.shared.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.handoff.shared.message.Result;

import java.io.IOException;

/**
 * {@link Result} to and from JSON (written straight into bytes, read with Jackson's streaming parser), for the two places that touch every result:
 * the consumer's workers write one per item, the coordinator's audit reads every one. Same bytes as the shared
 * mapper (fields in record order); reading takes the fast path for well-formed results and leaves anything
 * else to the mapper, so what is accepted and refused does not change.
 */
public final class ResultCodec {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private ResultCodec() {
    }

    public static byte[] write(Result result) {
        return new JsonBytes(256)
                .string("runId", result.runId())
                .string("producerId", result.producerId())
                .number("seq", result.seq())
                .constant("consumerId", result.consumerId())
                .number("consumerPid", result.consumerPid())
                .constant("worker", result.worker())
                .number("partition", result.partition())
                .number("offset", result.offset())
                .number("createdAtMs", result.createdAtMs())
                .number("finishedAtMs", result.finishedAtMs())
                .toBytes();
    }

    /** Reads a result: the fast path when it is well-formed, else the shared mapper (which throws why not). */
    public static Result read(byte[] value) throws IOException {
        Result fast = value == null ? null : readWellFormed(value);
        return fast != null ? fast : Json.read(value, Result.class);
    }

    static Result readWellFormed(byte[] value) {
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
