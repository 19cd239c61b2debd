package io.handoff.bench;

import java.util.OptionalLong;

/**
 * Reads {@code /proc/PID/task/TID/status}. Voluntary switches are read per thread because
 * {@code /proc/PID/status} counts only the main thread's, which in a JVM mostly sleeps.
 */
public final class ThreadStatus {

    private static final String VOLUNTARY = "voluntary_ctxt_switches:";

    private ThreadStatus() {
    }

    /** The thread's voluntary context switches (it blocked: a lock, a queue, I/O, a sleep), if listed. */
    public static OptionalLong voluntarySwitches(String status) {
        int at = status.indexOf(VOLUNTARY);
        // "nonvoluntary_ctxt_switches:" contains the same words: only a match at the start of a line counts.
        while (at > 0 && status.charAt(at - 1) != '\n') {
            at = status.indexOf(VOLUNTARY, at + 1);
        }
        if (at < 0) {
            return OptionalLong.empty();
        }
        int start = at + VOLUNTARY.length();
        int end = status.indexOf('\n', start);
        return OptionalLong.of(Long.parseLong(status.substring(start, end < 0 ? status.length() : end).trim()));
    }
}
