package io.handoff.coordinator.cli;

/** What the coordinator's exit code means; the help footer lists the same. */
public final class ExitCodes {

    /** Every invariant held. */
    public static final int PASSED = 0;
    /** The run finished but a check failed, or it was aborted (a process died, no progress, timeout). */
    public static final int FAILED = 1;
    /** A wrong flag or value; the message says what is accepted. */
    public static final int USAGE = 2;
    /** Kafka could not be reached or refused the credentials, or the pieces to launch are not built. */
    public static final int ENVIRONMENT = 3;

    private ExitCodes() {
    }
}
