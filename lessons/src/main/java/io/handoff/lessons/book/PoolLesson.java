package io.handoff.lessons.book;

import io.handoff.consumer.work.WorkPerformer;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.message.Work;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pool of 2 worker processes doing the consumer's CPU work ({@link WorkPerformer}) on tasks submitted
 * asynchronously; then close (a sentinel each), join, and every result gathered and checked against the same
 * work done here.
 */
public final class PoolLesson implements Lesson {

    static final int WORKERS = 2;
    static final int TASKS = 8;
    static final int ROUNDS = 20_000;

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public Forms forms() {
        return new Forms("Pool.apply_async", "worker JVMs, CompletableFuture");
    }

    @Override
    public String idea() {
        return "a process pool: submit asynchronously, close, join, gather the results";
    }

    @Override
    public String python() {
        return "with Pool(2) as p: rs = [p.apply_async(f, (x,)) for x in xs]; p.close(); p.join(); [r.get() for r in rs]";
    }

    @Override
    public String java() {
        return "child JVMs fed tasks on their input; CompletableFuture per task; a sentinel each, then waitFor()";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("result-gathered-correct", "a task's result came back and matches the work done here"),
                Outcome.forbidden("result-wrong-or-missing", "a result missing, or not what the work gives"),
                Outcome.acceptable("worker-exited-after-close", "a worker process ended 0 after its sentinel"),
                Outcome.forbidden("worker-failed", "a worker process ended with another code"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        ProcessPool pool = new ProcessPool(lab.children(), WORKERS, Child.class);
        lab.say("pool of %d worker processes: pids %d and %d", WORKERS, pool.pid(0), pool.pid(1));
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int task = 0; task < TASKS; task++) {
            results.add(pool.submit(Integer.toString(task)));
        }
        lab.say("submitted %d tasks of %,d SHA-256 rounds each (returned at once: futures)", TASKS, ROUNDS);
        pool.close();
        List<Integer> codes = pool.join(60);
        lab.say("close(): one sentinel per worker; join(): exit codes %s", codes);
        Map<Long, Integer> byWorker = new TreeMap<>();
        for (int task = 0; task < TASKS; task++) {
            String line = results.get(task).getNow(null);
            long expected = WorkPerformer.perform(new Work(Work.Kind.CPU, ROUNDS), task);
            String[] parts = line == null ? new String[0] : line.split(" ");
            boolean right = parts.length == 4 && parts[1].equals(Integer.toString(task))
                    && parts[3].equals(Long.toString(expected));
            if (right) {
                byWorker.merge(Long.parseLong(parts[2]), 1, Integer::sum);
            }
            lab.say("task %d -> %s %s", task, line, right ? "(checked)" : "(WRONG: expected " + expected + ")");
            lab.observe(right ? "result-gathered-correct" : "result-wrong-or-missing");
        }
        lab.say("tasks per worker pid: %s", byWorker);
        codes.forEach(code -> lab.observe(code == 0 ? "worker-exited-after-close" : "worker-failed"));
        lab.notice("submit() returns at once with a future; the work runs in other processes, on other cores.");
        lab.notice("close() means 'no more tasks' (a sentinel per worker); join() waits for the workers to finish and exit.");
        lab.notice("Java threads already use every core (see 'cpu-bound'): processes are for isolation, not for the GIL.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("the coordinator's agents: each runs producer or consumer processes it is told to (./handoff agent)",
                "./handoff demo", "a master (the coordinator) and its worker processes");
    }

    /** A worker process: a task per input line, a result per output line; an empty line is its sentinel. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long pid = ProcessHandle.current().pid();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                long task = Long.parseLong(line);
                long result = WorkPerformer.perform(new Work(Work.Kind.CPU, ROUNDS), task);
                System.out.println("task " + task + " " + pid + " " + result);
                System.out.flush();
            }
        }
    }
}
