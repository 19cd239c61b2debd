package io.handoff.shared.auth;

/** Why a record on {@code control} was not obeyed: the {@code reason} tag of the rejection counters. */
public enum Rejection {
    /** No authenticator: written by something that does not hold the key. */
    UNSIGNED,
    /** An authenticator that does not verify: a wrong key, a changed command, or garbage. */
    FORGED,
    /** A copy of a command already obeyed. */
    REPLAYED,
    /** Older than what this receiver can still check for replay (see {@link ReplayGuard}). */
    EXPIRED,
    /** Not a command this version understands. */
    UNREADABLE;

    /** The tag value: {@code unsigned}, {@code forged}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
