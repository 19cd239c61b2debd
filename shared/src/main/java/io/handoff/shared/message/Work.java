package io.handoff.shared.message;

import java.util.Locale;
import java.util.Objects;

/**
 * Work an item asks its consumer to do before the transfer, to make the consumer's threads matter:
 * CPU-bound work scales with cores, waiting (IO-bound) work scales with how many items are in flight.
 *
 * @param kind  what sort of work
 * @param units for {@code CPU}, rounds of a fixed computation (one SHA-256 over 64 bytes, well under a
 *              microsecond on a current core);
 *              for {@code IO}, microseconds of waiting, as for a slow downstream call
 */
public record Work(Kind kind, int units) {

    /** The kinds of work. */
    public enum Kind {
        /** Nothing: the transfer alone. */
        NONE,
        /** Computation that keeps a core busy. */
        CPU,
        /** Waiting that keeps no core busy. */
        IO
    }

    /** No work. */
    public static final Work NONE = new Work(Kind.NONE, 0);

    /** The accepted forms, for error messages. */
    public static final String ACCEPTED = "none, cpu:UNITS or io:MICROS (UNITS and MICROS from 1 to 10000000)";

    public Work {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.NONE ? units != 0 : units < 1 || units > 10_000_000) {
            throw new IllegalArgumentException("work " + kind + " cannot have " + units + " units; accepted: " + ACCEPTED);
        }
    }

    /** Reads {@code none}, {@code cpu:200} or {@code io:5000}; throws naming the accepted forms. */
    public static Work parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return NONE;
        }
        int colon = s.indexOf(':');
        try {
            if (colon > 0) {
                Kind kind = Kind.valueOf(s.substring(0, colon).toUpperCase(Locale.ROOT));
                if (kind != Kind.NONE) {
                    return new Work(kind, Integer.parseInt(s.substring(colon + 1)));
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below with the accepted forms
        }
        throw new IllegalArgumentException("'" + spec + "' is not a work spec; accepted: " + ACCEPTED);
    }

    /** The spec {@link #parse} reads back. */
    @Override
    public String toString() {
        return kind == Kind.NONE ? "none" : kind.name().toLowerCase(Locale.ROOT) + ":" + units;
    }
}
