package io.handoff.shared.json;

import java.nio.charset.StandardCharsets;

/**
 * A field name of the codecs' records, encoded once as {@code "name":}: the writer copies these bytes, the
 * canonical reader compares against them. Names are plain ASCII letters, so they need no escaping.
 */
record JsonName(String text, byte[] bytes) {

    static JsonName of(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("a field name of ASCII letters, got '" + text + "'");
            }
        }
        return new JsonName(text, ("\"" + text + "\":").getBytes(StandardCharsets.US_ASCII));
    }
}
