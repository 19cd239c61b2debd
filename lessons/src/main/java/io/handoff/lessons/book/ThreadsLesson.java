package io.handoff.lessons.book;

import io.handoff.consumer.work.WorkerPool;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.config.ThreadKind;
import io.handoff.shared.runtime.ThreadCensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Start, name, join and list threads; then the consumer's worker pool, whose threads are made the same way. */
public final class ThreadsLesson implements Lesson {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public Forms forms() {
        return new Forms("threading.Thread", "Thread.ofPlatform()");
    }

    @Override
    public String idea() {
        return "start, name, join, list; alive before join, dead after";
    }

    @Override
    public String python() {
        return "t = threading.Thread(target=f, name=...); t.start(); t.join(); t.is_alive(); threading.enumerate()";
    }

    @Override
    public String java() {
        return "Thread.ofPlatform().name(...).start(f); t.join(); t.isAlive(); Thread.getAllStackTraces()";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("alive-before-join", "a started thread still working is alive"),
                Outcome.acceptable("dead-after-join", "join() returned: the thread has ended"),
                Outcome.forbidden("alive-after-join", "join() returned but the thread still runs"),
                Outcome.acceptable("pool-thread-ran-task", "a worker-pool thread ran a task under its own name"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        lab.say("this code runs on thread '%s' (id %d)", Thread.currentThread().getName(), Thread.currentThread().threadId());
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            long sleepMs = 100 + lab.random().nextInt(200);
            Thread t = Thread.ofPlatform().name("lesson-thread-" + i).unstarted(() -> {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            lab.say("made   %-16s state %-13s alive=%s (sleeps %d ms once started)", t.getName(), t.getState(),
                    t.isAlive(), sleepMs);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            lab.say("start  %-16s state %-13s alive=%s", t.getName(), t.getState(), t.isAlive());
            lab.observe(t.isAlive() ? "alive-before-join" : "dead-after-join");
        }
        Map<String, Integer> roles = new TreeMap<>();
        Thread.getAllStackTraces().keySet()
                .forEach(t -> roles.merge(t.getName().startsWith("lesson-") ? "lesson" : ThreadCensus.roleOf(t.getName()), 1,
                        Integer::sum));
        lab.say("threads of this JVM now, by role (what /threads shows for a service): %s", roles);
        for (Thread t : threads) {
            t.join();
            lab.say("joined %-16s state %-13s alive=%s", t.getName(), t.getState(), t.isAlive());
            lab.observe(t.isAlive() ? "alive-after-join" : "dead-after-join");
        }

        lab.say("");
        lab.say("the consumer's WorkerPool: 3 named platform workers, one task per key");
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        try (WorkerPool pool = new WorkerPool(3, 8, ThreadKind.PLATFORM)) {
            lab.say("pool threads: %s", pool.threads().stream().map(t -> t.getName() + "(" + t.getState() + ")").toList());
            List<CompletableFuture<String>> done = new ArrayList<>();
            for (String key : List.of("alice", "bob", "carol", "dave")) {
                done.add(pool.submit(key, worker -> {
                    ranOn.put(key, worker + " = " + Thread.currentThread().getName());
                    return worker;
                }).toCompletableFuture());
            }
            for (CompletableFuture<String> f : done) {
                f.get(10, TimeUnit.SECONDS);
                lab.observe("pool-thread-ran-task");
            }
            new TreeMap<>(ranOn).forEach((key, where) -> lab.say("task for key %-5s ran on %s", key, where));
            List<Thread> workers = pool.threads();
            pool.close(); // a stop sentinel per worker, then join() each
            lab.say("after close(): %s", workers.stream().map(t -> t.getName() + " alive=" + t.isAlive()).toList());
            for (Thread t : workers) {
                lab.observe(t.isAlive() ? "alive-after-join" : "dead-after-join");
            }
        }
        lab.notice("A thread is alive from start() until its function returns; join() waits for that moment.");
        lab.notice("Names are how a person finds a thread in a dump or on /threads: every pool of the pipeline names its own.");
        lab.notice("The same key always lands on the same worker: per-key order without a lock.");
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("io.handoff.consumer.work.WorkerPool: named workers, joined at close (consumer-service)",
                "./handoff run --workers 8 --items 200000", "a consumer's /threads lists worker-0 to worker-7");
    }
}
