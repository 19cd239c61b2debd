package io.handoff.coordinator.cli;

import io.handoff.coordinator.agent.AgentRegistry;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.kafka.TopicSetup;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.serve.RunJobs;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.inject.spi.CDI;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code ./handoff serve}: the coordinator as a long-running service, for compose and Kubernetes. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "Runs the coordinator as a service: producers and consumers are started by the platform as agents "
                + "(./handoff agent), and each scenario asked for over REST is carried out on them, driven over the "
                + "control topic and verified like any run.",
            "",
            "  GET  /api/agents          agents heard from, with role, host and pid",
            "  GET  /api/scenarios       the scenarios: steady, backpressure, isolation, stop",
            "  POST /api/runs            start one: {\"scenario\":\"isolation\",\"consumers\":3}; 409 while one runs",
            "  GET  /api/runs[/ID]       runs so far, each with its state and, once finished, its report",
            "",
            "HTTP listens on QUARKUS_HTTP_HOST:QUARKUS_HTTP_PORT (127.0.0.1:8080 unless set).",
            ""},
        footer = {"", "Exit codes: 0 stopped by a signal; 3 Kafka unreachable."})
public class ServeCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "the Kafka cluster the agents use (default: $KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrap;

    @Option(names = "--wait-for-kafka", paramLabel = "DURATION", defaultValue = "120s",
            converter = DurationConverter.class, description = "how long to wait for Kafka to answer at start")
    Duration waitForKafka;

    @Override
    public Integer call() throws Exception {
        Console console = new Console(System.out, System.err, false);
        KafkaEndpoint kafka = new KafkaEndpoint(bootstrap);
        try {
            kafka.awaitReachable(waitForKafka, () -> true);
        } catch (KafkaEndpoint.UnreachableException e) {
            console.error("handoff serve: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        try (Admin admin = kafka.admin(); AgentRegistry agents = new AgentRegistry(kafka, prepared(admin))) {
            RunJobs jobs = CDI.current().select(RunJobs.class).get();
            jobs.open(HandoffHome.locate(), kafka, agents, console);
            console.say("handoff serve: Kafka at %s; API at http://%s:%s/api (agents, scenarios, runs)",
                    kafka.bootstrapServers(), config("quarkus.http.host"), config("quarkus.http.port"));
            Quarkus.waitForExit();
        }
        return ExitCodes.PASSED;
    }

    private static Admin prepared(Admin admin) throws Exception {
        TopicSetup.ensureSingles(admin);
        return admin;
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("?");
    }
}
