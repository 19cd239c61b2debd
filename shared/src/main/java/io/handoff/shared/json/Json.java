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
     * stopping the reader.
     */
    public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        if (bytes == null || bytes.length == 0) {
            throw new IOException("empty record where a " + type.getSimpleName() + " was expected");
        }
        return MAPPER.readValue(bytes, type);
    }

    /** The shared mapper; thread-safe once configured, as Jackson documents. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
