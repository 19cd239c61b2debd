package io.handoff.coordinator.cli;

import io.handoff.coordinator.agent.AgentRegistry;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.kafka.TopicSetup;
import io.handoff.coordinator.live.LiveAddress;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.serve.RunJobs;
import io.handoff.shared.auth.ControlKey;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.inject.spi.CDI;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            "  GET  /api/scenarios       the scenarios: ${sys:handoff.scenarios}",
            "  POST /api/runs            start one: {\"scenario\":\"isolation\",\"consumers\":3}; 409 while one runs",
            "",
            "Calls that change state need 'Authorization: Bearer TOKEN': the token of HANDOFF_API_TOKEN or "
                + "HANDOFF_API_TOKEN_FILE, else one made at start and printed in the live page's address. They must "
                + "name localhost, 127.0.0.1, [::1] or a host of HANDOFF_API_HOSTS in Host, and come from no other "
                + "origin.",
            "  GET  /api/runs[/ID]       runs so far, each with its state and, once finished, its report",
            "",
            "HTTP listens on QUARKUS_HTTP_HOST:QUARKUS_HTTP_PORT (127.0.0.1:8080 unless set).",
            ""},
        footer = {"", "Needs HANDOFF_CONTROL_KEY (or HANDOFF_CONTROL_KEY_FILE): the key its agents hold too.",
            "", "Exit codes: 0 stopped by a signal; 2 wrong usage or no control key; 3 Kafka unreachable or refused the credentials."})
public class ServeCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafkaOptions;

    @Override
    public Integer call() throws Exception {
        ControlKey controlKey = kafkaOptions.controlKey(spec); // a usage error before anything else
        Console console = new Console(System.out, System.err, false);
        KafkaEndpoint kafka;
        try {
            kafka = kafkaOptions.awaitReachable(controlKey);
        } catch (KafkaEndpoint.UnreachableException e) {
            console.error("handoff serve: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        try (Admin admin = kafka.admin()) {
            TopicSetup.ensureSingles(admin); // the agent registry reads status from its end
        }
        try (AgentRegistry agents = new AgentRegistry(kafka)) {
            RunJobs jobs = CDI.current().select(RunJobs.class).get();
            jobs.open(HandoffHome.locate(), kafka, agents, console);
            String url = LiveAddress.url().orElse("(HTTP port not known) ");
            console.say("handoff serve: Kafka at %s; API at %sapi (agents, scenarios, runs); live page at %s",
                    kafka.bootstrapServers(), url, LiveAddress.page().orElse(url));
            Quarkus.waitForExit();
            jobs.stopRunning(Duration.ofSeconds(30)); // while the registry still hears the agents' reports
        }
        return ExitCodes.PASSED;
    }
}
