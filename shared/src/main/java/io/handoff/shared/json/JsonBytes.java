package io.handoff.shared.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one small JSON object straight into a byte array, byte for byte as the shared mapper writes it
 * (strings UTF-8, with Jackson's escapes: {@code \" \\ \b \t \n \f \r} and {@code \\u00XX} for other control
 * characters). For the records written once per item: no generator, no buffer recycler, no reflection, one
 * array and its copy per record. Not thread-safe; one per record.
 */
final class JsonBytes {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    private boolean first = true;

    JsonBytes(int capacity) {
        buf = new byte[capacity];
        buf[len++] = '{';
    }

    /** {@code "name":"value"}. */
    JsonBytes string(JsonName name, String value) {
        name(name);
        quoted(value);
        return this;
    }

    /**
     * {@code "name":"value"} for a value that is the same instance item after item (a run id, a producer's
     * payload, a worker's name): encoded once and copied after that.
     */
    JsonBytes constant(JsonName name, String value) {
        name(name);
        int slot = System.identityHashCode(value) & (CONSTANTS.length - 1);
        Encoded encoded = CONSTANTS[slot];
        if (encoded == null || encoded.text() != value) {
            JsonBytes scratch = new JsonBytes(value.length() + 8);
            int from = scratch.len;
            scratch.quoted(value);
            encoded = new Encoded(value, Arrays.copyOfRange(scratch.buf, from, scratch.len));
            CONSTANTS[slot] = encoded; // a benign race: entries are immutable, a lost one is encoded again
        }
        ensure(encoded.bytes().length);
        System.arraycopy(encoded.bytes(), 0, buf, len, encoded.bytes().length);
        len += encoded.bytes().length;
        return this;
    }

    /** A string and its quoted, escaped UTF-8 form. */
    private record Encoded(String text, byte[] bytes) {
    }

    private static final Encoded[] CONSTANTS = new Encoded[64];

    /** {@code "name":123}. */
    JsonBytes number(JsonName name, long value) {
        name(name);
        digits(value);
        return this;
    }

    /** {@code "name":{}}, its fields written next, closed by {@link #end()}. */
    JsonBytes object(JsonName name) {
        name(name);
        ensure(1);
        buf[len++] = '{';
        first = true;
        return this;
    }

    JsonBytes end() {
        ensure(1);
        buf[len++] = '}';
        first = false;
        return this;
    }

    byte[] toBytes() {
        end();
        return Arrays.copyOf(buf, len);
    }

    private void name(JsonName name) {
        byte[] bytes = name.bytes();
        ensure(bytes.length + 1);
        if (!first) {
            buf[len++] = ',';
        }
        first = false;
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy of Latin-1 text
    private void quoted(String value) {
        int n = value.length();
        ensure(n + 2);
        buf[len++] = '"';
        int plain = 0;
        while (plain < n) {
            char c = value.charAt(plain);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        value.getBytes(0, plain, buf, len);
        len += plain;
        for (int i = plain; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                buf[len++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else {
                int end = i + 1;
                while (end < value.length() && value.charAt(end) >= 0x80) {
                    end++;
                }
                byte[] utf8 = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, buf, len, utf8.length);
                len += utf8.length;
                i = end - 1;
            }
        }
        ensure(1);
        buf[len++] = '"';
    }

    private void escape(char c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\b' -> buf[len++] = 'b';
            case '\t' -> buf[len++] = 't';
            case '\n' -> buf[len++] = 'n';
            case '\f' -> buf[len++] = 'f';
            case '\r' -> buf[len++] = 'r';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xF];
            }
        }
    }

    /**
     * The decimal digits of {@code value}. Two digits a step from a table, and divisions by constants written
     * as multiplications: the services run on C1 (docs/HOT-PATH.md), which divides with the CPU's divide
     * instruction, and timestamps have thirteen digits.
     */
    private void digits(long value) {
        if (value == Long.MIN_VALUE) {
            byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            ensure(text.length);
            System.arraycopy(text, 0, buf, len, text.length);
            len += text.length;
            return;
        }
        ensure(20);
        if (value < 0) {
            buf[len++] = '-';
            value = -value;
        }
        if (value < EIGHT_DIGITS) {
            int n = (int) value;
            len = writeInt(n, len + width(n));
            return;
        }
        long high = value / EIGHT_DIGITS; // at most 11 digits, so at most one more split
        int low = (int) (value - high * EIGHT_DIGITS);
        if (high < EIGHT_DIGITS) {
            int h = (int) high;
            len = writeInt(h, len + width(h));
        } else {
            long top = high / EIGHT_DIGITS;
            int t = (int) top;
            len = writeInt(t, len + width(t));
            len = writeInt((int) (high - top * EIGHT_DIGITS), len + 8);
        }
        len = writeInt(low, len + 8);
    }

    private static final long EIGHT_DIGITS = 100_000_000L;

    /** Writes {@code n} (0 to 99,999,999) right-aligned, zero-padded, ending before {@code end}; returns end. */
    private int writeInt(int n, int end) {
        int at = end;
        while (n >= 100) {
            int q = (int) ((n * 0x51EB851FL) >>> 37); // n / 100, exact for every n below 2^32
            int pair = (n - q * 100) << 1;
            buf[--at] = PAIRS[pair + 1];
            buf[--at] = PAIRS[pair];
            n = q;
        }
        if (n >= 10) {
            buf[--at] = PAIRS[(n << 1) + 1];
            buf[--at] = PAIRS[n << 1];
        } else {
            buf[--at] = (byte) ('0' + n);
        }
        while (at > len) { // the zeros of a padded group
            buf[--at] = '0';
        }
        return end;
    }

    /** How many digits {@code n} (0 to 99,999,999) has. */
    private static int width(int n) {
        if (n < 10_000) {
            return n < 100 ? (n < 10 ? 1 : 2) : (n < 1_000 ? 3 : 4);
        }
        return n < 1_000_000 ? (n < 100_000 ? 5 : 6) : (n < 10_000_000 ? 7 : 8);
    }

    /** "00" to "99". */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[i << 1] = (byte) ('0' + i / 10);
            PAIRS[(i << 1) + 1] = (byte) ('0' + i % 10);
        }
    }

    private void ensure(int more) {
        if (len + more + 1 > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more + 16));
        }
    }
}
