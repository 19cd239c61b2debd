package io.handoff.consumer.work;

import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.runtime.ThreadSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * W named worker threads (platform or virtual), each taking tasks from its own bounded queue. A key always
 * maps to the same worker, so tasks of one key run one after another in submission order: per-key ordering
 * without a lock.
 *
 * <p>{@link #close()} puts one stop sentinel on every worker's queue (one per consumer, the form that
 * cannot leave a worker waiting forever), then joins each thread, so every task accepted before it runs.
 */
public final class WorkerPool implements ThreadSource, AutoCloseable {

    /** The stop sentinel; compared by identity, never run. */
    private static final Runnable STOP = () -> {
    };

    private final ThreadKind kind;
    private final List<BlockingQueue<Runnable>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param queueCapacity bound of each worker's queue; callers that cap their own in-flight work at this
     *                      number never find a queue full
     */
    public WorkerPool(int workers, int queueCapacity, ThreadKind kind) {
        if (workers < 1) {
            throw new IllegalArgumentException("handoff.consumer.workers must be at least 1, got " + workers);
        }
        this.kind = kind;
        // Platform workers are non-daemon: they hold accepted work that must not vanish with the JVM.
        // (Virtual threads are always daemon; close() joins them just the same.)
        Thread.Builder builder = kind == ThreadKind.VIRTUAL ? Thread.ofVirtual().name("worker-", 0)
                : Thread.ofPlatform().name("worker-", 0);
        for (int i = 0; i < workers; i++) {
            BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(queueCapacity + 1); // + room for the sentinel
            queues.add(queue);
            threads.add(builder.start(() -> drain(queue)));
        }
    }

    private void drain(BlockingQueue<Runnable> queue) {
        while (true) {
            try {
                Runnable task = queue.take();
                if (task == STOP) {
                    return;
                }
                task.run();
            } catch (InterruptedException e) {
                // Only close() ends a worker, with its sentinel: an interrupt meant for a task's lock wait
                // that arrives late must not end the worker and strand its queue.
            }
        }
    }

    /**
     * Runs {@code task} on the worker that owns {@code key}; the stage completes with its result, or with
     * what it threw. Never blocks: a full queue rejects the task instead.
     *
     * @param task receives the name of the worker thread running it
     */
    public <T> CompletionStage<T> submit(String key, Function<String, T> task) {
        if (closed) {
            return CompletableFuture.failedFuture(new RejectedExecutionException("worker pool is closed"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        BlockingQueue<Runnable> queue = queues.get(Math.floorMod(key.hashCode(), queues.size()));
        boolean accepted = queue.offer(() -> {
            try {
                result.complete(task.apply(Thread.currentThread().getName()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        if (!accepted) {
            result.completeExceptionally(new RejectedExecutionException("worker queue full for key " + key));
        }
        return result;
    }

    /** Tasks waiting in all queues, not counting those running. */
    public int queued() {
        int total = 0;
        for (BlockingQueue<Runnable> queue : queues) {
            total += queue.size();
        }
        return total;
    }

    public int workers() {
        return threads.size();
    }

    public ThreadKind kind() {
        return kind;
    }

    @Override
    public List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** Lets every worker finish what it has accepted, then ends it. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (BlockingQueue<Runnable> queue : queues) {
            queue.put(STOP);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
