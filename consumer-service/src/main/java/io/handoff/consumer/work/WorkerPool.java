package io.handoff.consumer.work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * W named worker threads, each taking tasks from its own bounded queue. A key always maps to the same
 * worker, so tasks of one key run one after another in submission order: per-key ordering without a lock.
 *
 * <p>{@link #close()} puts one stop sentinel on every worker's queue (one per consumer, the form that cannot
 * leave a worker waiting forever), then joins each thread, so every task accepted before it still runs.
 */
public final class WorkerPool implements AutoCloseable {

    /** The stop sentinel; compared by identity, never run. */
    private static final Runnable STOP = () -> {
    };

    private final List<BlockingQueue<Runnable>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param queueCapacity bound of each worker's queue; callers that cap their own in-flight work at this
     *                      number never find a queue full
     */
    public WorkerPool(int workers, int queueCapacity) {
        if (workers < 1) {
            throw new IllegalArgumentException("handoff.consumer.workers must be at least 1, got " + workers);
        }
        for (int i = 0; i < workers; i++) {
            BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(queueCapacity + 1); // + room for the sentinel
            queues.add(queue);
            // Non-daemon and joined on close: a worker holds accepted work that must not vanish with the JVM.
            threads.add(Thread.ofPlatform().name("worker-" + i).start(() -> drain(queue)));
        }
    }

    private static void drain(BlockingQueue<Runnable> queue) {
        try {
            for (Runnable task = queue.take(); task != STOP; task = queue.take()) {
                task.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code task} on the worker that owns {@code key}; the stage completes with its result, or with
     * what it threw. Never blocks: a full queue rejects the task instead.
     *
     * @param task receives the name of the worker thread running it
     */
    public <T> CompletionStage<T> submit(String key, Function<String, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            return CompletableFuture.failedFuture(new RejectedExecutionException("worker pool is closed"));
        }
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
