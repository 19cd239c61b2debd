package io.handoff.lessons.book;

import io.handoff.lessons.Children;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pool of worker processes: each a child JVM that reads tasks from its input, one a line, and writes each
 * result as a line. {@code submit} hands a task to the next worker in turn and returns its future; {@code
 * close} sends each worker its own sentinel (an empty line) and {@code join} waits for every one to exit.
 */
final class ProcessPool {

    private final List<Worker> workers = new ArrayList<>();
    private int next;

    private record Worker(Process process, PrintWriter in, Queue<CompletableFuture<String>> pending,
            ReentrantLock lock, Thread reader) {
    }

    ProcessPool(Children children, int size, Class<?> main) throws IOException {
        for (int i = 0; i < size; i++) {
            Process process = children.start(main);
            Queue<CompletableFuture<String>> pending = new ArrayDeque<>();
            /* Guards pending: submit adds, the reader thread completes in the same order. */
            ReentrantLock lock = new ReentrantLock();
            Thread reader = Children.readLines(process, line -> {
                CompletableFuture<String> f;
                lock.lock();
                try {
                    f = pending.poll();
                } finally {
                    lock.unlock();
                }
                if (f != null) {
                    f.complete(line);
                }
            });
            workers.add(new Worker(process, new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8),
                    pending, lock, reader));
        }
    }

    long pid(int worker) {
        return workers.get(worker).process().pid();
    }

    int size() {
        return workers.size();
    }

    /** Like apply_async: the task goes to the next worker; the future completes with its answer line. */
    CompletableFuture<String> submit(String task) {
        Worker w = workers.get(next++ % workers.size());
        CompletableFuture<String> f = new CompletableFuture<>();
        w.lock().lock();
        try {
            w.pending().add(f);
            w.in().println(task);
        } finally {
            w.lock().unlock();
        }
        return f;
    }

    /** No more tasks: each worker gets its own sentinel, and ends after the tasks before it. */
    void close() {
        for (Worker w : workers) {
            w.in().println();
            w.in().close();
        }
    }

    /** Waits for every worker process to exit; returns their exit codes. */
    List<Integer> join(long seconds) throws InterruptedException {
        List<Integer> codes = new ArrayList<>();
        for (Worker w : workers) {
            codes.add(Children.waitFor(w.process(), seconds));
            w.reader().join(5_000);
        }
        return codes;
    }
}
