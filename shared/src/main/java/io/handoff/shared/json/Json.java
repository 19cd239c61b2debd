package io.handoff.shared.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The one JSON configuration every process uses, so a record written by one is read alike by all.
 *
 * <p>Strict where a silent default would hide a bad record (a missing number must not become 0),
 * lenient on unknown fields so a newer writer does not break an older reader.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /**
     * Reads one contract record. Readers take raw bytes and call this, rather than letting a Kafka
     * deserializer throw inside {@code poll()}, so that one bad record is logged and skipped instead of
     * stopping the reader. Whatever the bytes, the answer is a {@code T} or an {@link IOException} that says
     * why not: a JSON {@code null}, which Jackson reads as no value at all, is refused too.
     */
    public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        if (bytes == null || bytes.length == 0) {
            throw new IOException("empty record where a " + type.getSimpleName() + " was expected");
        }
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (RuntimeException e) { // a value a type's own checks refuse outside Jackson's wrapping
            throw new IOException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new IOException("a JSON null where a " + type.getSimpleName() + " was expected");
        }
        return value;
    }

    /** The shared mapper; thread-safe once configured, as Jackson documents. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
