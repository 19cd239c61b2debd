package io.handoff.shared.json;

/**
 * A record on the {@code items} topic that is not a valid item. Its message is the reason that the
 * dead-letter topic carries in the {@code dead-letter-reason} header, so it names what is wrong.
 */
public final class MalformedItemException extends Exception {

    public MalformedItemException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public MalformedItemException(String reason) {
        super(reason);
    }
}
