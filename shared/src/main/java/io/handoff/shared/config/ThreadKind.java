package io.handoff.shared.config;

import java.util.Locale;

/** What a consumer's workers are made of ({@code handoff.consumer.threads}, {@code --threads}). */
public enum ThreadKind {
    /** OS threads: each costs a stack and a kernel thread; a few hundred is a lot. */
    PLATFORM,
    /** Virtual threads: cheap enough for one per waiting item; a blocked one gives its carrier back. */
    VIRTUAL;

    /** The lower-case name used in configuration and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
