package io.handoff.shared.context;

import org.jboss.logging.MDC;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The item a thread is working on: trace id, producer, sequence number, worker. Set when a worker takes an
 * item, read anywhere below it without being passed as a parameter, mirrored into the logging MDC (so every
 * log line names its item), and cleared when the item is done, so a pooled thread never carries one item's
 * context into the next.
 *
 * <p>A {@link ThreadLocal} belongs to one thread: work handed to another executor does not see it. That is
 * the executor-hop pitfall; {@link #propagate} is the fix, capturing the context where a task is created
 * and restoring it where the task runs.
 */
public record WorkContext(String traceId, String producerId, long seq, String worker) {

    /** The MDC key under which log lines carry the trace id. */
    public static final String MDC_TRACE = "trace";

    private static final ThreadLocal<WorkContext> CURRENT = new ThreadLocal<>();

    /** The context of the item this thread is working on, if any. */
    public static Optional<WorkContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Makes {@code context} this thread's current context until the returned scope is closed; use in
     * try-with-resources so that an exception cannot leave it behind.
     */
    public static Scope open(WorkContext context) {
        WorkContext previous = CURRENT.get();
        CURRENT.set(context);
        MDC.put(MDC_TRACE, context.traceId());
        return () -> restore(previous);
    }

    private static void restore(WorkContext previous) {
        if (previous == null) {
            CURRENT.remove(); // remove, not set(null): nothing of the item stays in the thread's map
            MDC.remove(MDC_TRACE);
        } else {
            CURRENT.set(previous);
            MDC.put(MDC_TRACE, previous.traceId());
        }
    }

    /** Wraps a task so that it runs with the caller's current context, on whatever thread runs it. */
    public static Runnable propagate(Runnable task) {
        WorkContext captured = CURRENT.get();
        if (captured == null) {
            return task;
        }
        return () -> {
            try (Scope ignored = open(captured)) {
                task.run();
            }
        };
    }

    /** {@link #propagate(Runnable)} for tasks with a result. */
    public static <T> Callable<T> propagate(Callable<T> task) {
        WorkContext captured = CURRENT.get();
        if (captured == null) {
            return task;
        }
        return () -> {
            try (Scope ignored = open(captured)) {
                return task.call();
            }
        };
    }

    /** An open context; closing it restores what the thread had before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
