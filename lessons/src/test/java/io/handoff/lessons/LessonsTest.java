package io.handoff.lessons;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every lesson run as {@code ./handoff learn NAME} runs it, with its figures asserted: the hazard each teaches
 * shows where it must (lost updates unguarded, the deadlock found, the single sentinel leaving consumers
 * waiting) and the mechanism removes it (no drift guarded, never more than N inside the semaphore, every
 * consumer ended with a sentinel each). No lesson shows a forbidden outcome, and none leaves a process behind.
 */
class LessonsTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Report run(String name) throws Exception {
        Lesson lesson = Catalogue.named(name).orElseThrow();
        Report report = Learn.run(lesson, 42, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.forbiddenSeen()).as("a forbidden outcome in:%n%s", text).isFalse();
        assertThat(text).contains("seed:   42", "Observed (seed 42):", "In the pipeline:", name + ": done in");
        return report;
    }

    @AfterEach
    void noProcessLeftBehind() {
        // A lesson ends its children before it returns; the JVM may take a moment to reap them.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
                        .as("processes left behind").isEmpty());
    }

    @Test
    void thereAreAtLeastTwentyLessonsEachWithItsFormsAndAPlaceInThePipeline() {
        assertThat(Catalogue.all()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Catalogue.all().stream().map(Lesson::name).distinct()).hasSameSizeAs(Catalogue.all());
        assertThat(Catalogue.all()).allSatisfy(l -> {
            assertThat(l.idea()).isNotBlank();
            assertThat(l.python()).isNotBlank();
            assertThat(l.java()).isNotBlank();
            assertThat(l.pipeline().command()).startsWith("./handoff ");
            assertThat(l.outcomes()).isNotEmpty();
        });
        assertThat(Catalogue.all().stream().filter(Lesson::startsBroker).map(Lesson::name)).containsExactly("process-queue");
    }

    @Test
    void threads() throws Exception {
        Report r = run("threads");
        assertThat(r.count("alive-before-join")).isEqualTo(3);
        assertThat(r.count("dead-after-join")).isEqualTo(6);
        assertThat(r.count("pool-thread-ran-task")).isEqualTo(4);
    }

    @Test
    void waitingWorkOverlapsAsLittlesLawSays() throws Exception {
        Report r = run("waiting-work");
        assertThat(r.figure("speedUp")).as("20 waiting workers against 1").isGreaterThan(4);
        assertThat(r.figure("mostInFlight")).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(20);
    }

    @Test
    void cpuBoundWorkGivesTheSameResultOnMoreWorkers() throws Exception {
        Report r = run("cpu-bound");
        // The speed-up itself depends on free cores (a benchmark figure, not asserted); the result may not.
        assertThat(r.count("on-several-cores") + r.count("one-core-at-a-time")).isEqualTo(1);
        assertThat(r.figure("coresBusy")).isPositive();
    }

    @Test
    void theJvmWaitsForTheNonDaemonThreadAndCutsTheDaemonOff() throws Exception {
        Report r = run("daemon");
        assertThat(r.count("non-daemon-waited-for")).isEqualTo(1);
        assertThat(r.count("daemon-cut-off")).isEqualTo(1);
        assertThat(r.figure("daemonSteps")).isLessThan(30);
    }

    @Test
    void unguardedTransfersLoseUpdatesAndGuardedOnesNone() throws Exception {
        Report r = run("race");
        assertThat(r.count("unguarded-money-changed")).as("lost updates without the lock").isPositive();
        assertThat(r.count("guarded-exact")).isEqualTo(3);
        assertThat(r.count("guarded-money-changed")).isZero();
    }

    @Test
    void aPlainLockTakenTwiceHangsAndTheAccountLockReEnters() throws Exception {
        Report r = run("rlock");
        assertThat(r.count("plain-lock-hung")).isEqualTo(1);
        assertThat(r.count("reentrant-reentered")).as("two re-entries per transfer").isEqualTo(2 * 2_000);
    }

    @Test
    void theDeadlockIsFoundPrintedAndBroken() throws Exception {
        Report r = run("deadlock");
        assertThat(r.count("deadlock-found")).isEqualTo(1);
        assertThat(r.count("deadlock-broken")).as("cycles broken by the watchdog").isPositive();
        assertThat(r.count("all-transfers-done")).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Found one Java-level deadlock:",
                "\"lesson-ab\": WAITING, waiting for", "which is held by \"lesson-ba\"");
    }

    @Test
    void tryLockTimesOutRetriesAndFinishesEveryTransfer() throws Exception {
        Report r = run("lock-timeout");
        assertThat(r.count("timed-out-and-retried")).isPositive();
        assertThat(r.count("all-transfers-done")).isEqualTo(1);
    }

    @Test
    void neverMoreThanThePermitsInsideTheAuditSink() throws Exception {
        Report r = run("semaphore");
        assertThat(r.figure("highWater")).isEqualTo(3);
        assertThat(r.count("waited-for-a-permit")).as("12 writers, 3 permits: some waited").isPositive();
        assertThat(r.count("wrote-without-waiting") + r.count("waited-for-a-permit")).isEqualTo(12 * 15);
    }

    @Test
    void timersFireAfterTheirDelayNotAfterCancelAndPeriodically() throws Exception {
        Report r = run("timer");
        assertThat(r.count("fired-after-its-delay")).isEqualTo(1);
        assertThat(r.count("cancelled-never-fired")).isEqualTo(1);
        assertThat(r.figure("ticks")).as("every 50 ms for 500 ms").isBetween(5.0, 12.0);
    }

    @Test
    void theContextIsLostAcrossTheHopAndCarriedByPropagation() throws Exception {
        Report r = run("thread-local");
        assertThat(r.count("seen-without-a-parameter")).isEqualTo(1);
        assertThat(r.count("cleared-after-the-item")).isEqualTo(1);
        assertThat(r.figure("lostWithoutPropagation")).isEqualTo(40);
        assertThat(r.count("carried-across-the-hop")).as("all 40 with propagate()").isEqualTo(40);
    }

    @Test
    void concurrentMapsKeepEveryCount() throws Exception {
        Report r = run("collections");
        assertThat(r.count("concurrent-map-exact")).isEqualTo(2);
        assertThat(r.count("plain-map-lost-counts") + r.count("plain-map-exact")).isEqualTo(1);
    }

    @Test
    void aFullQueueBlocksPutRefusesOfferAndDeliversInOrder() throws Exception {
        Report r = run("queue");
        assertThat(r.count("put-blocked-while-full")).isEqualTo(1);
        assertThat(r.count("offer-refused-while-full")).isEqualTo(1);
        assertThat(r.count("get-timed-out-empty")).isEqualTo(1);
        assertThat(r.count("item-through-in-order")).isEqualTo(40);
    }

    @Test
    void joinWaitsForTheLastTaskDone() throws Exception {
        Report r = run("joinable-queue");
        assertThat(r.count("join-waited-while-work-left")).isEqualTo(1);
        assertThat(r.count("join-returned-at-zero")).isEqualTo(1);
    }

    @Test
    void oneSentinelLeavesConsumersWaitingOnePerConsumerEndsThemAll() throws Exception {
        Report r = run("sentinels");
        assertThat(r.count("one-sentinel:left-waiting")).as("3 consumers, 1 sentinel").isEqualTo(2);
        assertThat(r.count("one-per-consumer:ended")).isEqualTo(3);
        assertThat(r.count("partition-finished")).isEqualTo(2);
    }

    @Test
    void childProcessesHaveTheirOwnPidsAndVariables() throws Exception {
        Report r = run("processes");
        assertThat(r.count("own-pid-parent-is-us")).isEqualTo(2);
        assertThat(r.count("own-copy-of-the-variable")).isEqualTo(2);
    }

    @Test
    void aProcessPoolGathersEveryResultAndItsWorkersExit() throws Exception {
        Report r = run("pool");
        assertThat(r.count("result-gathered-correct")).isEqualTo(8);
        assertThat(r.count("worker-exited-after-close")).isEqualTo(2);
    }

    @Test
    void aTopicCarriesEveryRecordFromOneProcessToAnother() throws Exception {
        Report r = run("process-queue");
        assertThat(r.count("record-across-in-order")).isEqualTo(1_000);
    }

    @Test
    void aKilledProcessSparesTheOthers() throws Exception {
        Report r = run("crash");
        assertThat(r.count("killed-one-ended")).isEqualTo(1);
        assertThat(r.count("other-finished")).isEqualTo(2);
    }

    @Test
    void virtualThreadsKeepTenThousandWaitsInFlight() throws Exception {
        Report r = run("virtual-threads");
        assertThat(r.figure("platformMostInFlight")).isLessThanOrEqualTo(200);
        assertThat(r.figure("virtualMostInFlight")).isGreaterThan(5_000);
        assertThat(r.figure("speedUp")).as("in the same run, the same machine").isGreaterThan(1.5);
    }

    @Test
    void workersPullEveryTaskFromTheMasterUntilItsSentinel() throws Exception {
        Report r = run("master-worker");
        assertThat(r.count("task-done-by-a-worker")).isEqualTo(12);
        assertThat(r.count("worker-stopped-by-sentinel")).isEqualTo(2);
    }

    @Test
    void theCommandLineListsRunsAndRefusesWhatItDoesNotKnow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Learn.run(new String[0], o, e)).isZero();
        for (Lesson l : Catalogue.all()) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(" " + l.name() + " ");
        }
        assertThat(Learn.run(new String[] {"no-such"}, o, e)).isEqualTo(Learn.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no lesson named 'no-such'", "threads, waiting-work");
        assertThat(Learn.run(new String[] {"threads", "--seed", "x"}, o, e)).isEqualTo(Learn.USAGE);
        assertThat(Learn.run(new String[] {"threads", "--fast"}, o, e)).isEqualTo(Learn.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--seed takes a whole number", "accepted: NAME [--seed N]");
        assertThat(Learn.run(new String[] {"--help"}, o, e)).isZero();
        assertThat(Learn.run(new String[] {"timer", "--seed", "5"}, o, e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("seed:   5 (repeat with --seed 5)");
    }

    @Test
    void everyLessonTheDocumentsNameExists() throws Exception {
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("handoff.home", "..")).toAbsolutePath();
        java.util.regex.Pattern learn = java.util.regex.Pattern.compile("\\./handoff learn ([a-z][a-z-]*)");
        List<String> named = new java.util.ArrayList<>();
        for (String doc : List.of("README.md", "docs/CONCEPTS.md", "lessons/README.md")) {
            java.util.regex.Matcher m = learn.matcher(java.nio.file.Files.readString(home.resolve(doc)));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).as("lessons named in the documents").isNotEmpty()
                .allSatisfy(n -> assertThat(Catalogue.named(n)).as("lesson %s", n).isPresent());
    }

    @Test
    void everyLessonHasATestHere() {
        List<String> tested = List.of("threads", "waiting-work", "cpu-bound", "daemon", "race", "rlock", "deadlock",
                "lock-timeout", "semaphore", "timer", "thread-local", "collections", "queue", "joinable-queue",
                "sentinels", "processes", "pool", "process-queue", "crash", "virtual-threads", "master-worker");
        assertThat(Catalogue.all().stream().map(Lesson::name)).containsExactlyInAnyOrderElementsOf(tested);
    }
}
