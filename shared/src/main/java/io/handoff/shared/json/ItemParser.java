package io.handoff.shared.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.handoff.shared.message.Item;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Turns the bytes of an {@code items} record into an {@link Item}, or says exactly why they are not one.
 *
 * <p>Consumers read raw bytes and parse here instead of in a Kafka deserializer: a deserializer that
 * throws inside the poll loop cannot attach a reason to the record, while this can, and the record then
 * reaches the dead-letter topic intact.
 */
public final class ItemParser {

    private static final ObjectReader READER = Json.mapper().readerFor(Item.class);

    private ItemParser() {
    }

    /** Parses one record value; throws with a one-line reason when it is not a valid item. */
    public static Item parse(byte[] value) throws MalformedItemException {
        if (value == null || value.length == 0) {
            throw new MalformedItemException("empty record: an item must be a JSON object");
        }
        Item wellFormed = ItemCodec.readWellFormed(value);
        if (wellFormed != null) {
            return wellFormed;
        }
        try {
            return READER.readValue(value);
        } catch (ValueInstantiationException e) {
            // A record component's constructor refused a value, e.g. a negative amount.
            Throwable why = e.getCause() != null ? e.getCause() : e;
            throw new MalformedItemException("invalid item at " + path(e) + ": " + why.getMessage(), e);
        } catch (JsonMappingException e) {
            String why = e.getOriginalMessage();
            if (why.startsWith("Missing creator property") || why.startsWith("Null value for creator property")) {
                why = "missing field"; // Jackson's wording names a feature flag, not the problem
            }
            throw new MalformedItemException("not an item at " + path(e) + ": " + why.lines().findFirst().orElse(why), e);
        } catch (JsonProcessingException e) {
            throw new MalformedItemException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedItemException("unreadable record: " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "top level" : "'" + path + "'";
    }
}
