package io.handoff.consumer.work;

import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.runtime.ThreadSource;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * W named worker threads (platform or virtual), each taking tasks from its own bounded queue. A key always
 * maps to the same worker, so tasks of one key run one after another in submission order: per-key ordering
 * without a lock. The consumer hands each worker one task per poll, the run of that poll's records whose
 * keys are the worker's ({@link Chunk}): one hand-off per worker per poll, not one per record.
 *
 * <p>Supervised: a task's exceptions are its own business, but an {@link Error} ends the worker's thread. The
 * pool then starts a replacement on the same queue, which first runs the task the dead thread was running
 * again; a task keeps its own progress, so it resumes at the record that killed the thread. Nothing is lost
 * (a record that kills {@value #MAX_ATTEMPTS} threads is failed instead of retried forever).
 *
 * <p>{@link #close()} puts one stop sentinel on every worker's queue (one per consumer, the form that
 * cannot leave a worker waiting forever), then joins each thread, so every task accepted before it runs.
 */
public final class WorkerPool implements ThreadSource, AutoCloseable {

    static final int MAX_ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(WorkerPool.class);

    /** Work for one worker. Run again, on a replacement thread, if its thread dies in it. */
    public interface Task {
        /** @param worker the name of the worker thread running it */
        void run(String worker);

        /** Records in it, for the queue-depth metric. */
        default int size() {
            return 1;
        }
    }

    /** The stop sentinel; compared by identity, never run. */
    private static final Task STOP = worker -> {
    };

    private final ThreadKind kind;
    private final Thread.Builder builder;
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicInteger queuedRecords = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param queueCapacity bound of each worker's queue, in tasks; callers that cap their own in-flight work
     *                      at this number never find a queue full
     */
    public WorkerPool(int workers, int queueCapacity, ThreadKind kind) {
        if (workers < 1) {
            throw new IllegalArgumentException("handoff.consumer.workers must be at least 1, got " + workers);
        }
        this.kind = kind;
        // Platform workers are non-daemon: they hold accepted work that must not vanish with the JVM.
        // (Virtual threads are always daemon; close() joins them just the same.)
        this.builder = kind == ThreadKind.VIRTUAL ? Thread.ofVirtual().name("worker-", 0)
                : Thread.ofPlatform().daemon(false).name("worker-", 0); // explicit: a builder inherits its caller's
        for (int i = 0; i < workers; i++) {
            Worker worker = new Worker(new ArrayBlockingQueue<>(queueCapacity + 1)); // + room for the sentinel
            this.workers.add(worker);
            worker.start();
        }
    }

    /** One worker: a queue, the task in hand, and the thread currently serving them. */
    private final class Worker {
        final BlockingQueue<Task> queue;
        /** The task being run; a replacement thread runs it again. Touched only by the worker's thread. */
        volatile Task current;
        volatile Thread thread;

        Worker(BlockingQueue<Task> queue) {
            this.queue = queue;
        }

        void start() {
            // Published before it starts: whatever the new thread does, it is already the worker's thread.
            Thread fresh = builder.uncaughtExceptionHandler((dead, error) -> replace(this, dead, error))
                    .unstarted(this::drain);
            thread = fresh;
            fresh.start();
        }

        private void drain() {
            String name = Thread.currentThread().getName();
            while (true) {
                Task task = current;
                if (task == null) {
                    try {
                        task = queue.take();
                    } catch (InterruptedException e) {
                        // Only close() ends a worker, with its sentinel: an interrupt meant for a task's lock
                        // wait that arrives late must not end the worker and strand its queue.
                        continue;
                    }
                    if (task == STOP) {
                        return;
                    }
                    queuedRecords.addAndGet(-task.size());
                    current = task;
                }
                task.run(name); // an Error here ends this thread; current stays set for the replacement
                current = null;
            }
        }
    }

    private void replace(Worker worker, Thread dead, Throwable error) {
        replaced.incrementAndGet();
        LOG.warnf("%s died (%s); starting a replacement that re-runs its item", dead.getName(), error.toString());
        worker.start();
    }

    /** The worker that owns {@code key}. */
    public int workerFor(String key) {
        return Math.floorMod(key.hashCode(), workers.size());
    }

    /** Queues {@code task} on worker {@code index}; never blocks: false when the pool is closed or the queue full. */
    public boolean execute(int index, Task task) {
        if (closed) {
            return false;
        }
        queuedRecords.addAndGet(task.size());
        if (!workers.get(index).queue.offer(task)) {
            queuedRecords.addAndGet(-task.size());
            return false;
        }
        return true;
    }

    /**
     * Runs {@code task} on the worker that owns {@code key}; the stage completes with its result, or with
     * the exception it threw. Never blocks: a full queue rejects the task instead.
     *
     * @param task receives the name of the worker thread running it
     */
    public <T> CompletionStage<T> submit(String key, Function<String, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new RejectedExecutionException("worker pool is closed"));
        } else if (!execute(workerFor(key), new Single<>(task, result))) {
            result.completeExceptionally(new RejectedExecutionException("worker queue full for key " + key));
        }
        return result;
    }

    /** One function with its result, failed once it has killed {@value #MAX_ATTEMPTS} threads. */
    private static final class Single<T> implements Task {
        private final Function<String, T> body;
        private final CompletableFuture<T> result;
        private int attempts;

        Single(Function<String, T> body, CompletableFuture<T> result) {
            this.body = body;
            this.result = result;
        }

        @Override
        public void run(String worker) {
            if (++attempts > MAX_ATTEMPTS) {
                result.completeExceptionally(new IllegalStateException(
                        "task killed " + MAX_ATTEMPTS + " worker threads; not retried again"));
                return;
            }
            try {
                result.complete(body.apply(worker));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }
    }

    /** Records waiting in all queues, not counting those running. */
    public int queued() {
        return Math.max(0, queuedRecords.get());
    }

    public int workers() {
        return workers.size();
    }

    public ThreadKind kind() {
        return kind;
    }

    /** Worker threads that died and were replaced. */
    public long replaced() {
        return replaced.get();
    }

    @Override
    public List<Thread> threads() {
        return workers.stream().map(w -> w.thread).toList();
    }

    /** Lets every worker finish what it has accepted, then ends it. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Worker worker : workers) {
            worker.queue.put(STOP);
        }
        for (Worker worker : workers) {
            Thread thread;
            do {
                thread = worker.thread;
                thread.join();
            } while (thread != worker.thread); // a replacement started while we waited
        }
    }
}
