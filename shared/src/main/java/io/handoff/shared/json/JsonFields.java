package io.handoff.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** Field values for the codecs' fast paths: the value when it has the one expected form, else a marker. */
final class JsonFields {

    private JsonFields() {
    }

    /** The string, or null when the value is anything else. */
    static String text(JsonParser json, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_STRING ? json.getText() : null;
    }

    /** The integer as a long, or {@code otherwise} when the value is anything else (text, a fraction, too big). */
    static long number(JsonParser json, JsonToken token, long otherwise) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return otherwise;
        }
        return json.getLongValue();
    }
}
