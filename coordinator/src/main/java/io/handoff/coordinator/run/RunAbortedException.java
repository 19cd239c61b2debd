package io.handoff.coordinator.run;

/** A run that cannot finish: a process died, progress stalled, or time ran out. The message says which. */
final class RunAbortedException extends Exception {

    RunAbortedException(String message) {
        super(message);
    }
}
