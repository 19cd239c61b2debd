package io.handoff.shared.message;

/** The part a process plays in a run. */
public enum Role {
    PRODUCER,
    CONSUMER,
    COORDINATOR
}
