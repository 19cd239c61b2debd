package io.handoff.shared.runtime;

import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs the records a reader rejects without letting a flood of them flood the log: the first {@value #IN_FULL}
 * each with its reason, then one line per {@value #EVERY} with the count so far and the latest reason. Anyone who
 * can write to a topic can write millions of bad records; the counters count every one, the log says enough.
 */
public final class RejectionLog {

    static final int IN_FULL = 20;
    static final int EVERY = 1_000;

    private final Logger log;
    private final String what;
    private final AtomicLong rejected = new AtomicLong();

    /** @param what what is rejected, e.g. "an unreadable status record" */
    public RejectionLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** One more rejected record; {@code detail} says where and why. */
    public void rejected(String detail) {
        long count = rejected.incrementAndGet();
        if (count <= IN_FULL) {
            log.warnf("ignored %s: %s", what, detail);
        } else if (count == IN_FULL + 1) {
            log.warnf("ignored %s: %s (more than %d so far: from now on one line per %d)", what, detail, IN_FULL, EVERY);
        } else if (count % EVERY == 0) {
            log.warnf("ignored %s: %d so far; the latest: %s", what, count, detail);
        }
    }

    /** How many were rejected. */
    public long count() {
        return rejected.get();
    }
}
