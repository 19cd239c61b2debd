package io.handoff.consumer.work;

/**
 * A worker thread dying in the middle of an item, on purpose ({@code handoff.consumer.chaos.worker-crash-every}).
 * An {@link Error}, so that it escapes the task's own error handling and ends the thread, as a real
 * {@code StackOverflowError} would; the pool replaces the thread and runs the item again.
 */
public final class WorkerCrash extends Error {

    public WorkerCrash(String message) {
        super(message);
    }
}
