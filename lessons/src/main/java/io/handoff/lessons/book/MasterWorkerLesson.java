package io.handoff.lessons.book;

import io.handoff.consumer.work.WorkPerformer;
import io.handoff.lessons.Children;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import io.handoff.shared.message.Work;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A master hands tasks over TCP to worker processes that know only its address, as workers on other machines
 * would; each worker pulls a task, does it, sends the result and asks again, until the master answers with a
 * sentinel. The pipeline does the same across machines with Kafka in the middle: {@code ./handoff demo}.
 */
public final class MasterWorkerLesson implements Lesson {

    static final int WORKERS = 2;
    static final int TASKS = 12;
    static final int ROUNDS = 5_000;

    @Override
    public String name() {
        return "master-worker";
    }

    @Override
    public Forms forms() {
        return new Forms("managers.BaseManager", "sockets; Kafka in the pipeline");
    }

    @Override
    public String idea() {
        return "distributed master/worker: workers pull tasks over the network; the step to ./handoff demo";
    }

    @Override
    public String python() {
        return "multiprocessing.managers.BaseManager(address=(host, port)): a task and a result queue served to remote workers";
    }

    @Override
    public String java() {
        return "a ServerSocket master, worker JVMs with its host:port, a line per task and result; the pipeline: Kafka";
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("task-done-by-a-worker", "a task came back from some worker, with the right result"),
                Outcome.forbidden("task-lost-or-wrong", "a task never came back, or came back wrong"),
                Outcome.acceptable("worker-stopped-by-sentinel", "a worker asked for more, got the sentinel, and exited 0"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        ConcurrentLinkedQueue<Integer> tasks = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(i);
        }
        Map<Integer, String> results = new ConcurrentHashMap<>();
        try (ServerSocket master = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + master.getLocalPort();
            lab.say("master listening on %s with %d tasks; %d worker processes given only that address", address, TASKS, WORKERS);
            List<Process> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(lab.children().start(Child.class, address));
            }
            CountDownLatch served = new CountDownLatch(WORKERS);
            for (int w = 0; w < WORKERS; w++) {
                Socket socket = master.accept();
                Thread.ofPlatform().name("master-conn-" + w).start(() -> serve(socket, tasks, results, served));
            }
            if (!served.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the workers did not finish within 60 s");
            }
            for (Process worker : workers) {
                int code = Children.waitFor(worker, 20);
                lab.say("worker pid %d exited %d", worker.pid(), code);
                if (code == 0) {
                    lab.observe("worker-stopped-by-sentinel");
                }
            }
        }
        Map<String, Integer> perWorker = new java.util.TreeMap<>();
        for (int i = 0; i < TASKS; i++) {
            String r = results.get(i);
            long expected = WorkPerformer.perform(new Work(Work.Kind.CPU, ROUNDS), i);
            boolean right = r != null && r.endsWith(" " + expected);
            if (right) {
                perWorker.merge(r.split(" ")[0], 1, Integer::sum);
            }
            lab.observe(right ? "task-done-by-a-worker" : "task-lost-or-wrong");
        }
        lab.say("tasks done per worker (pid): %s", perWorker);
        lab.notice("The workers pull: a faster worker simply asks more often, and the load balances itself.");
        lab.notice("Each answer is checked against the same work done here: the network carries results, not trust.");
        lab.notice("The pipeline is this at scale: the coordinator is the master, 'items' the task queue, 'results' the");
        lab.notice("answers, and agents on other machines start the workers. ./handoff demo shows it end to end.");
    }

    /** One worker's connection: a task per request, the sentinel when none is left. */
    private static void serve(Socket socket, ConcurrentLinkedQueue<Integer> tasks, Map<Integer, String> results,
            CountDownLatch served) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("result ")) {
                    String[] parts = line.split(" "); // result TASK PID VALUE
                    results.put(Integer.parseInt(parts[1]), parts[2] + " " + parts[3]);
                }
                Integer task = tasks.poll();
                out.println(task == null ? "STOP" : "task " + task);
                if (task == null) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            // the worker went away: its task, if any, is not in results and is reported lost
        } finally {
            served.countDown();
        }
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("the coordinator (master) and ./handoff agent (workers on any machine), over Kafka's control topic",
                "./handoff demo", "the same across processes, with Kafka as the queues");
    }

    /** A worker: connects to the master's address, asks, works, answers, until the sentinel. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            String[] hostPort = args[0].split(":");
            long pid = ProcessHandle.current().pid();
            try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
                 BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
                out.println("ready");
                for (String line = in.readLine(); line != null && !line.equals("STOP"); line = in.readLine()) {
                    int task = Integer.parseInt(line.substring("task ".length()));
                    long value = WorkPerformer.perform(new Work(Work.Kind.CPU, ROUNDS), task);
                    out.println("result " + task + " " + pid + " " + value);
                }
            }
        }
    }
}
