package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.coordinator.process.FreePorts;
import io.handoff.coordinator.web.ApiAccess;
import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.auth.ControlRecords;
import io.handoff.shared.json.Json;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Launch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.handoff.shared.testing.Http;
import io.handoff.shared.testing.InJvmKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./handoff serve} with agents, as compose and Kubernetes run it, without Docker: a broker started
 * apart, two consumer agents and a producer agent started as separate processes (the platform's part), and
 * the coordinator serving REST. Scenarios asked for over HTTP run on the agents' processes, driven only over
 * the control topic, and verify like any run: here the isolation scenario, in which a consumer is crashed by
 * a control command and restarted by its agent, while a second request is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeIT {

    static InJvmKafka kafka;
    static URI api;
    static final List<Launcher.Running> platform = new ArrayList<>();
    static Launcher.Running serve;
    /** The platform's shared control key, as compose's keys service or a Kubernetes Secret gives it. */
    static final ControlKey KEY = ControlKey.generate();
    static final Map<String, String> KEYED = Map.of(ControlKey.ENV, KEY.text());
    /** The API token, configured as compose and Kubernetes configure it. */
    static final String TOKEN = "serve-it-api-token-0123456789abcdef";
    /**
     * How long a run goes on after a consumer joined it: its rate after the join is measured from 5 s after the
     * join (the newcomer's rebalance) to the stop.
     */
    static final Duration AFTER_JOIN = Duration.ofSeconds(20);

    @BeforeAll
    static void startPlatform() throws Exception {
        kafka = InJvmKafka.start();
        for (String agent : List.of("consumer c-1", "consumer c-2", "producer p-1")) {
            String[] roleAndId = agent.split(" ");
            Launcher.Running running = Launcher.start(KEYED, "agent", "--role", roleAndId[0], "--id", roleAndId[1],
                    "--bootstrap", kafka.bootstrapServers());
            platform.add(running);
        }
        int port = FreePorts.next();
        serve = Launcher.start(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port), ControlKey.ENV, KEY.text(),
                ApiAccess.ENV, TOKEN), "serve", "--bootstrap",
                kafka.bootstrapServers());
        serve.awaitLine("API at http://127.0.0.1:" + port, Duration.ofSeconds(60));
        api = URI.create("http://127.0.0.1:" + port + "/api/");
        for (Launcher.Running agent : platform) {
            agent.awaitLine("waiting for launch commands", Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        List<Launcher.Running> all = new ArrayList<>(platform);
        if (serve != null) {
            all.add(serve);
        }
        all.forEach(p -> p.process().destroy()); // SIGTERM: as compose and Kubernetes stop containers
        for (Launcher.Running process : all) {
            assertThat(process.awaitExit(Duration.ofSeconds(30))).as("exit code after SIGTERM").isIn(0, 143);
        }
        kafka.close();
    }

    @Test
    @Order(1)
    void theCoordinatorHearsEveryAgent() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode agents = Http.json(api.resolve("agents"));
            assertThat(agents).extracting(a -> a.get("id").asText() + "/" + a.get("role").asText() + "/"
                    + a.get("alive").asBoolean())
                    .containsExactly("c-1/consumer/true", "c-2/consumer/true", "p-1/producer/true");
        });
    }

    /** What probes and Prometheus read: readiness once serving, and the coordinator's own meters. */
    @Test
    @Order(1)
    void theServingCoordinatorIsReadyAndCountsItsAgentsOnItsMetrics() throws Exception {
        JsonNode ready = io.handoff.shared.json.Json.mapper().readTree(Http.get(api.resolve("/q/health/ready")));
        assertThat(ready.get("status").asText()).isEqualTo("UP");
        assertThat(ready.get("checks")).extracting(c -> c.get("name").asText()).contains("serving");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = Http.get(api.resolve("/q/metrics"));
            assertThat(metrics).contains("handoff_coordinator_serving 1.0")
                    .contains("handoff_coordinator_run_phase{phase=\"idle\"} 1.0")
                    .contains("handoff_coordinator_jobs{state=\"running\"} 0.0")
                    .contains("handoff_coordinator_agents{role=\"consumer\"} 2.0")
                    .contains("handoff_coordinator_agents{role=\"producer\"} 1.0")
                    .contains("jvm_memory_used_bytes");
        });
    }

    /** Nobody without the token starts a run, and no other web page can, even with it. */
    @Test
    @Order(2)
    void aRunStartsOnlyWithTheApiTokenAndFromNoOtherOrigin() throws Exception {
        String steady = "{\"scenario\":\"steady\"}";
        Http.Reply anonymous = Http.post(api.resolve("runs"), steady);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("error").asText()).contains("Authorization: Bearer TOKEN");
        assertThat(Http.post(api.resolve("runs"), steady, "not-the-token").status()).isEqualTo(401);
        Http.Reply foreign = Http.post(api.resolve("runs"), steady, Map.of("Authorization", "Bearer " + TOKEN,
                "Origin", "https://evil.example"));
        assertThat(foreign.status()).as("a page elsewhere, even with the token").isEqualTo(403);
        assertThat(Http.post(api.resolve("live/stop"), "").status()).as("the live page's actions too").isEqualTo(401);
        assertThat(Http.json(api.resolve("runs"))).as("refused requests start nothing").isEmpty();
        assertThat(Http.get(api.resolve("/q/metrics"))).contains("handoff_api_refused_total{reason=\"no-token\"} 2.0")
                .contains("handoff_api_refused_total{reason=\"wrong-token\"} 1.0")
                .contains("handoff_api_refused_total{reason=\"origin\"} 1.0");
    }

    @Test
    @Order(2)
    void badRequestsAreRefusedWithTheReasonAndWhatIsAccepted() throws Exception {
        Http.Reply unknown = Http.post(api.resolve("runs"), "{\"scenario\":\"chaos\"}", TOKEN);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("error").asText()).contains("chaos").contains("steady, backpressure, isolation, stop");

        Http.Reply tooMany = Http.post(api.resolve("runs"), "{\"scenario\":\"steady\",\"consumers\":5}", TOKEN);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().get("error").asText()).contains("only 2");

        Http.Reply missing = Http.post(api.resolve("runs"), "{}", TOKEN);
        assertThat(missing.status()).isEqualTo(400);

        Http.Reply secondsOfSteady = Http.post(api.resolve("runs"), "{\"scenario\":\"steady\",\"seconds\":10}", TOKEN);
        assertThat(secondsOfSteady.status()).isEqualTo(400);
        assertThat(secondsOfSteady.body().get("error").asText()).contains("backpressure, isolation, stop")
                .contains("steady ends after its items");
        Http.Reply noSeconds = Http.post(api.resolve("runs"), "{\"scenario\":\"stop\",\"seconds\":0}", TOKEN);
        assertThat(noSeconds.status()).isEqualTo(400);
        assertThat(noSeconds.body().get("error").asText()).contains("from 1 to 3600");
        Http.Reply itemsOfStop = Http.post(api.resolve("runs"), "{\"scenario\":\"stop\",\"items\":10}", TOKEN);
        assertThat(itemsOfStop.status()).isEqualTo(400);
        assertThat(itemsOfStop.body().get("error").asText()).contains("give seconds instead");
        Http.Reply brokerRestart = Http.post(api.resolve("runs"), "{\"scenario\":\"broker-restart\"}", TOKEN);
        assertThat(brokerRestart.status()).as("a cluster the coordinator did not start is not its to kill")
                .isEqualTo(400);
        assertThat(brokerRestart.body().get("error").asText()).contains("./handoff run --scenario broker-restart");
        assertThat(Http.json(api.resolve("runs"))).as("refused requests start nothing").isEmpty();
    }

    @Test
    @Order(3)
    void aConsumerCrashedByControlCommandIsRestartedByItsAgentAndNothingIsLost() throws Exception {
        Http.Reply started = Http.post(api.resolve("runs"), "{\"scenario\":\"isolation\"}", TOKEN);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("producers").asInt()).as("every producer agent").isEqualTo(1);
        assertThat(started.body().get("consumers").asInt()).as("every consumer agent").isEqualTo(2);
        Http.Reply second = Http.post(api.resolve("runs"), "{\"scenario\":\"stop\"}", TOKEN);
        assertThat(second.status()).as("one run at a time").isEqualTo(409);

        JsonNode job = awaitFinished(started.body().get("id").asInt());
        JsonNode report = job.get("report");
        assertThat(job.get("state").asText()).as("verdict: %s", report).isEqualTo("passed");
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("outages")).hasSize(1);
        JsonNode outage = report.get("outages").get(0);
        assertThat(outage.get("cause").asText()).isEqualTo("crash command by the coordinator");
        assertThat(outage.get("restartedPid").asLong()).as("restarted by its agent").isPositive()
                .isNotEqualTo(outage.get("pid").asLong());
        // Redone work: what the victim left uncommitted, plus what the rebalances that follow may move (each
        // consumer's at most 1,000 in-flight records), as the run's own isolation check counts it.
        assertThat(report.get("duplicates").asLong())
                .isLessThanOrEqualTo(outage.get("uncommitted").asLong() + 2 * 1_000L);
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
        assertThat(report.get("consumers")).allSatisfy(c -> assertThat(c.get("exitCode").asInt()).isZero());
        assertThat(Launcher.pids(report)).as("the agents' service processes have ended")
                .allSatisfy(pid -> assertThat(Launcher.alive(pid)).isFalse());
        assertThat(Http.json(api.resolve("runs"))).as("only the accepted run is listed").hasSize(1);
    }

    /**
     * Scaling that helps the run it reacts to: a consumer agent that comes up while a run is going gets a
     * consumer of that run, which takes partitions and items; nothing is lost.
     */
    @Test
    @Order(5)
    void aConsumerAgentThatComesUpMidRunJoinsThatRun() throws Exception {
        // Held open (its seconds only a backstop) until the newcomer has joined and worked through the window its
        // rate is measured in, then stopped as the live page stops it: the join cannot miss a run that ended first.
        Http.Reply started = Http.post(api.resolve("runs"), "{\"scenario\":\"backpressure\",\"seconds\":600}", TOKEN);
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        assertThat(started.body().get("consumers").asInt()).as("the agents up at the start").isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(services()).as("the run's services at work").hasSize(3));

        Launcher.Running third = Launcher.start(KEYED, "agent", "--role", "consumer", "--id", "c-3", "--bootstrap",
                kafka.bootstrapServers());
        platform.add(third);
        third.awaitLine("waiting for launch commands", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Http.json(api.resolve("live/now")).get("processes")).as("the run's processes on its page")
                        .anySatisfy(p -> assertThat(p.get("name").asText()).isEqualTo("consumer-2")));
        // Not a wait for anything to happen: the window after the join in which the run measures its rate.
        Thread.sleep(AFTER_JOIN.toMillis());
        Http.Reply stop = Http.post(api.resolve("live/stop"), "", TOKEN);
        assertThat(stop.status()).as("the stop, as the live page asks: %s", stop.body()).isEqualTo(202);

        JsonNode job = awaitFinished(started.body().get("id").asInt());
        JsonNode report = job.get("report");
        assertThat(job.get("state").asText()).as("verdict: %s", report).isEqualTo("passed");
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("joins")).as("the newcomer joined the run under way").hasSize(1);
        JsonNode join = report.at("/joins/0");
        assertThat(join.get("consumer").asText()).isEqualTo("consumer-2");
        JsonNode newcomer = null;
        for (JsonNode consumer : report.get("consumers")) {
            if (consumer.get("id").asText().equals("consumer-2")) {
                newcomer = consumer;
            }
        }
        assertThat(newcomer).as("in the report: %s", report.get("consumers")).isNotNull();
        assertThat(newcomer.get("processed").asLong()).as("items the newcomer processed").isPositive();
        assertThat(newcomer.get("finishedPartitions")).as("partitions it held to their sentinels").isNotEmpty();
        assertThat(newcomer.get("exitCode").asInt()).isZero();
        double before = join.get("processedRateBefore").asDouble();
        double after = join.get("processedRateAfter").asDouble();
        System.out.printf("ServeIT: processing %.0f items/s before the join, %.0f after%n", before, after);
        // Consumers here are slowed on purpose (backpressure: 4 ms an item), so a third one adds capacity even
        // on two cores: 1.4x measured; the margin is wide, and both rates come from this one run.
        assertThat(after).as("processing after the join against before it").isGreaterThan(1.1 * before);
    }

    @Test
    @Order(6)
    void stoppingTheCoordinatorMidRunTerminatesTheServicesItLaunched() throws Exception {
        Http.Reply started = Http.post(api.resolve("runs"), "{\"scenario\":\"backpressure\"}", TOKEN);
        assertThat(started.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(services()).as("services the agents run: one per agent").hasSize(platform.size()));

        serve.process().destroy(); // SIGTERM, as compose or Kubernetes would stop the coordinator
        assertThat(serve.awaitExit(Duration.ofSeconds(60))).isIn(0, 143);

        // The agents stay up; the services of the run, which would otherwise produce until stopped, do not.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(services()).as("services left running after the coordinator stopped").isEmpty());
        assertThat(platform).allSatisfy(agent -> assertThat(agent.process().isAlive()).isTrue());
    }

    /**
     * The control plane trusts only the key: a launch that anyone who can write to {@code control} could send
     * (none, a wrong key, a copy of a real one) starts nothing, and the agent counts each by its reason.
     */
    @Test
    @Order(4)
    void anAgentStartsNothingOnALaunchWithoutTheKeysSealOrACopyOfOneAndCountsEach() throws Exception {
        java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> launchOfC1 =
                r -> read(r.value()) instanceof Launch l && l.target().equals("c-1");
        ConsumerRecord<byte[], byte[]> launch = kafka.readUntil(Topics.CONTROL,
                        read -> read.stream().anyMatch(launchOfC1), Duration.ofSeconds(30))
                .stream().filter(launchOfC1).findFirst()
                .orElseThrow(() -> new AssertionError("no launch for c-1 on control"));
        assertThat(services()).as("nothing runs between runs").isEmpty();
        kafka.send(Topics.CONTROL, List.of(
                new ProducerRecord<>(Topics.CONTROL, launch.value()),
                ControlRecords.signed(ControlKey.generate(), read(launch.value())),
                new ProducerRecord<byte[], byte[]>(Topics.CONTROL, (Integer) null, (byte[]) null, launch.value(),
                        launch.headers())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode c1 = java.util.stream.StreamSupport.stream(Http.json(api.resolve("agents")).spliterator(), false)
                    .filter(a -> a.get("id").asText().equals("c-1")).findFirst().orElseThrow();
            assertThat(c1.get("controlRefused")).as("what c-1 refused")
                    .isEqualTo(Json.mapper().readTree("{\"unsigned\":1,\"forged\":1,\"replayed\":1}"));
        });
        // Each hello is sent after the records before it were handled: a launch obeyed would be running by now.
        assertThat(services()).as("processes started by those launches").isEmpty();
    }

    /** A serving coordinator or agent without the key does not start: nothing may run with commands anyone sends. */
    @Test
    @Order(1)
    void withoutAControlKeyServeAndAgentsRefuseToStartAndSayWhy() throws Exception {
        for (List<String> command : List.of(List.of("serve"), List.of("agent", "--role", "consumer"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--bootstrap", kafka.bootstrapServers()));
            Launcher.Running refused = Launcher.start(Map.of(ControlKey.ENV, "", ControlKey.FILE_ENV, ""),
                    args.toArray(String[]::new));
            assertThat(refused.awaitLine("no control key", Duration.ofSeconds(60))).as(String.join(" ", command))
                    .contains(ControlKey.ENV).contains(ControlKey.FILE_ENV);
            assertThat(refused.awaitExit(Duration.ofSeconds(60))).as("%s: exit code for wrong usage", command).isEqualTo(2);
        }
    }

    private static ControlCommand read(byte[] value) {
        try {
            return Json.read(value, ControlCommand.class);
        } catch (java.io.IOException e) {
            return null; // someone else's record
        }
    }

    /** The producer and consumer processes the agents run now. */
    private static List<ProcessHandle> services() {
        return platform.stream().flatMap(agent -> agent.process().toHandle().descendants())
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a))
                        .map(line -> line.contains("consumer-service") || line.contains("producer-service"))
                        .orElse(false))
                .toList();
    }

    private static JsonNode awaitFinished(int id) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.json(api.resolve("runs/" + id)), job -> !job.get("state").asText().equals("running"));
    }
}
