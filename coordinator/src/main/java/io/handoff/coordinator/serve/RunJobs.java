package io.handoff.coordinator.serve;

import io.handoff.coordinator.agent.AgentPlatform;
import io.handoff.coordinator.agent.AgentRegistry;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.report.RunReport;
import io.handoff.coordinator.run.RunDirector;
import io.handoff.coordinator.scenario.Fault;
import io.handoff.coordinator.scenario.RunPlan;
import io.handoff.coordinator.scenario.Scenario;
import io.handoff.coordinator.scenario.Sizing;
import io.handoff.coordinator.scenarios.Scenarios;
import io.handoff.shared.message.Role;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The serving coordinator's runs: scenarios asked for over REST, carried out one at a time through the
 * agents, each kept with its report. Requests come on HTTP threads; runs go on one thread of their own.
 */
@ApplicationScoped
public class RunJobs {

    /** Why a request cannot be carried out: a 400 for bad input, a 409 while another run holds the agents. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * One run at a time: every run takes all the agents it names, and two runs on one agent would each see
     * the other's process. A request that finds the permit taken is refused, not queued.
     */
    private final Semaphore agentsInUse = new Semaphore(1);

    /** Finished jobs kept, with their reports, for GET /api/runs: the newest; older ones are forgotten. */
    public static final int JOBS_KEPT = 50;

    /** The longest run a request may ask for, in seconds. */
    public static final int MAX_SECONDS = 3_600;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, RunJob> jobs = new ConcurrentHashMap<>();
    // A platform thread, not virtual: a run blocks for minutes in Kafka clients and process waits.
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("serve-run").daemon().factory());
    private volatile Serving serving;
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

    /** What {@code serve} hands over once Kafka answers and the agents are being heard. */
    record Serving(HandoffHome home, KafkaEndpoint kafka, AgentRegistry agents, Console console) {
    }

    public void open(HandoffHome home, KafkaEndpoint kafka, AgentRegistry agents, Console console) {
        this.serving = new Serving(home, kafka, agents, console);
    }

    public boolean isServing() {
        return serving != null;
    }

    /** Agents of {@code role} heard from and alive; 0 while not serving. */
    public int agentsAlive(Role role) {
        Serving now = serving;
        return now == null ? 0 : now.agents().alive(role).size();
    }

    /** Runs asked for and started since this coordinator began serving. */
    /** Jobs kept that are in {@code state} now (the newest 50 finished ones are kept). */
    public long jobsIn(JobState state) {
        return jobs.values().stream().filter(j -> j.state() == state).count();
    }

    public int runsStarted() {
        return ids.get();
    }

    public AgentRegistry agents() throws Refused {
        return current().agents();
    }

    private Serving current() throws Refused {
        Serving now = serving;
        if (now == null) {
            throw new Refused(503, "this coordinator is not serving: start it with ./handoff serve");
        }
        return now;
    }

    public List<Scenario> scenarios() {
        return Scenarios.all();
    }

    /** Drops the oldest jobs beyond {@code kept}; a job still running is never dropped (there is one at most). */
    static void forgetBeyond(Map<Integer, RunJob> jobs, int kept) {
        List<Integer> oldestFirst = jobs.keySet().stream().sorted().toList();
        for (int i = 0; i < oldestFirst.size() - kept; i++) {
            RunJob job = jobs.get(oldestFirst.get(i));
            if (job != null && job.state() != JobState.RUNNING) {
                jobs.remove(job.id());
            }
        }
    }

    public List<RunJob> all() {
        return jobs.values().stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
    }

    public Optional<RunJob> get(int id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Starts the scenario on the agents that are up; returns at once with the job, which a GET follows. */
    public RunJob start(RunRequest request) throws Refused {
        Serving now = current();
        if (request == null || request.scenario() == null) {
            throw new Refused(400, "a run needs a scenario, one of " + names());
        }
        Scenario scenario = Scenarios.named(request.scenario()).orElseThrow(() -> new Refused(400, "unknown scenario '" + request.scenario() + "'; accepted: "
                        + names()));
        if (scenario.reach() != Scenario.Reach.ANYWHERE) {
            throw new Refused(400, scenario.name() + (scenario.reach() == Scenario.Reach.OWN_BROKER
                    ? " kills and restarts the broker the run starts itself; a serving coordinator runs on a cluster"
                            + " it did not start"
                    : " signals service processes, and a serving coordinator's services run in the platform's"
                            + " containers") + " (run it with ./handoff run --scenario " + scenario.name() + ")");
        }
        int producerAgents = now.agents().alive(Role.PRODUCER).size();
        int consumerAgents = now.agents().alive(Role.CONSUMER).size();
        int producers = count("producers", request.producers(), producerAgents);
        int consumers = count("consumers", request.consumers(), consumerAgents);
        if (request.items() != null && request.items() < 1) {
            throw new Refused(400, "items must be at least 1, got " + request.items());
        }
        if (request.seconds() != null && (request.seconds() < 1 || request.seconds() > MAX_SECONDS)) {
            throw new Refused(400, "seconds must be from 1 to " + MAX_SECONDS + ", got " + request.seconds());
        }
        RunPlan plan;
        try {
            plan = Scenarios.plan(scenario, Optional.of(now.kafka().bootstrapServers()), new Sizing(
                    Optional.of(producers), Optional.of(consumers), Optional.ofNullable(request.items()),
                    Optional.ofNullable(request.seconds()).map(Duration::ofSeconds)));
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
        if (!agentsInUse.tryAcquire()) {
            throw new Refused(409, "run " + ids.get() + " is still running; one run at a time");
        }
        RunJob job = new RunJob(ids.incrementAndGet(), scenario.name(), scenario.shows(), producers, consumers,
                JobState.RUNNING, System.currentTimeMillis(), null, null, null);
        jobs.put(job.id(), job);
        forgetBeyond(jobs, JOBS_KEPT);
        try {
            runner.execute(() -> carryOut(now, job, plan, scenario.fault()));
        } catch (RuntimeException e) {
            agentsInUse.release();
            throw e;
        }
        return job;
    }

    private static int count(String what, Integer asked, int agents) throws Refused {
        int want = asked == null ? agents : asked;
        if (want < 1) {
            throw new Refused(400, what + " must be at least 1" + (asked == null
                    ? ": no " + what.substring(0, what.length() - 1) + " agent is up (start one with ./handoff agent)"
                    : ", got " + want));
        }
        if (want > agents) {
            throw new Refused(400, what + ": asked for " + want + ", and only " + agents + " agent(s) of that role are up");
        }
        return want;
    }

    private void carryOut(Serving now, RunJob job, RunPlan plan, Fault fault) {
        try {
            now.console().say("");
            now.console().say("== run %d: %s: %s", job.id(), job.scenario(), job.shows());
            RunReport report = new RunDirector(now.home(), now.console(), LiveFeed.current(),
                    new AgentPlatform(now.agents(), now.kafka()),
                    now.kafka().controlKey())
                    .run(plan, fault);
            jobs.put(job.id(), job.finished(report, System.currentTimeMillis()));
            now.console().say("   run %d %s: %s", job.id(), report.passed() ? "PASSED" : "FAILED", report.verdict());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            jobs.put(job.id(), job.failed(why, System.currentTimeMillis()));
            now.console().error("run %d: could not be carried out: %s", job.id(), why);
        } finally {
            agentsInUse.release();
        }
    }

    /**
     * The service is stopping: a run in progress is interrupted, and its director's {@code finally} tells the
     * agents to terminate what it launched. Without this, a run that produces until stopped would go on
     * producing on the agents after the coordinator is gone. Called from Quarkus's shutdown, which the JVM
     * waits for (the serve command's own thread may be cut short), and again, harmlessly, by that command.
     */
    public void stopRunning(Duration grace) throws InterruptedException {
        if (stopping.compareAndSet(false, true)) {
            runner.shutdownNow(); // one interrupt: a second could land in the run's own clean-up
        }
        runner.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        stopRunning(Duration.ofSeconds(30));
    }

    private static List<String> names() {
        return Scenarios.names();
    }
}
