package io.handoff.shared.json;

import java.nio.charset.StandardCharsets;

/**
 * Reads back exactly the layout that {@link JsonBytes} writes: the codec's fields in their order, no white
 * space, integers, and strings of printable ASCII without escapes. That is every record the pipeline writes
 * for itself, read here in one pass over the bytes with no tokenizer. Anything else (other field orders,
 * spaces, escapes, non-ASCII text, fractions, leading zeros, numbers of nineteen digits) throws
 * {@link NotCanonical}, and the codec then hands the bytes to Jackson, which judges them as it always has.
 */
final class JsonCursor {

    /** Not the canonical layout; thrown without a stack trace, caught by the codec, never seen outside. */
    static final class NotCanonical extends Exception {
        private static final NotCanonical INSTANCE = new NotCanonical();

        private NotCanonical() {
            super("not the canonical layout", null, false, false);
        }
    }

    private final byte[] in;
    private int at;
    private boolean first;

    JsonCursor(byte[] in) throws NotCanonical {
        this.in = in;
        expect('{');
        first = true;
    }

    /** The next field must be {@code name}. */
    JsonCursor field(JsonName name) throws NotCanonical {
        if (!first) {
            expect(',');
        }
        first = false;
        byte[] bytes = name.bytes();
        if (at + bytes.length > in.length) {
            throw NotCanonical.INSTANCE;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (in[at + i] != bytes[i]) {
                throw NotCanonical.INSTANCE;
            }
        }
        at += bytes.length;
        return this;
    }

    String string() throws NotCanonical {
        expect('"');
        int from = at;
        while (true) {
            if (at == in.length) {
                throw NotCanonical.INSTANCE;
            }
            byte b = in[at];
            if (b == '"') {
                break;
            }
            if (b < 0x20 || b == '\\') { // negative too: a byte of a multi-byte character
                throw NotCanonical.INSTANCE;
            }
            at++;
        }
        String text = new String(in, from, at - from, StandardCharsets.ISO_8859_1); // ASCII: one byte a char
        at++;
        return text;
    }

    long number() throws NotCanonical {
        boolean negative = at < in.length && in[at] == '-';
        if (negative) {
            at++;
        }
        int from = at;
        long value = 0;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            value = value * 10 + (in[at++] - '0');
        }
        int digits = at - from;
        if (digits == 0 || digits > 18 || digits > 1 && in[from] == '0') { // 18 digits cannot overflow
            throw NotCanonical.INSTANCE;
        }
        return negative ? -value : value;
    }

    int integer() throws NotCanonical {
        long value = number();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw NotCanonical.INSTANCE;
        }
        return (int) value;
    }

    /** The value is an object: its fields come next, then {@link #end()}. */
    void object() throws NotCanonical {
        expect('{');
        first = true;
    }

    /** The end of the current object. */
    void end() throws NotCanonical {
        expect('}');
        first = false;
    }

    /** The end of the record: the outermost object closed, nothing after it. */
    void finish() throws NotCanonical {
        end();
        if (at != in.length) {
            throw NotCanonical.INSTANCE;
        }
    }

    private void expect(char c) throws NotCanonical {
        if (at >= in.length || in[at] != c) {
            throw NotCanonical.INSTANCE;
        }
        at++;
    }
}
