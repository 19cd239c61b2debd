package io.handoff.coordinator.cli;

import io.handoff.coordinator.agent.Agent;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.report.Console;
import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.message.Role;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code ./handoff agent}: one host's share of a distributed run, started by compose or Kubernetes. */
@Command(name = "agent", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {
            "Waits for a serving coordinator (./handoff serve) to hand it work over the control topic, then runs "
                + "that producer or consumer service as its child process, reporting its pid and exit code on "
                + "the status topic. Compose and Kubernetes keep one agent per container.",
            ""},
        footer = {"", "Needs HANDOFF_CONTROL_KEY (or HANDOFF_CONTROL_KEY_FILE): the key of the serving coordinator.",
            "", "Exit codes: 0 stopped by a signal; 2 wrong usage or no control key; 3 Kafka unreachable or refused the credentials, or nothing built."})
public class AgentCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--role", paramLabel = "ROLE", required = true,
            description = "the services this agent runs: producer or consumer")
    Role role;

    @Option(names = "--id", paramLabel = "ID", defaultValue = "${env:HOSTNAME}",
            description = "this agent's id, unique among agents (default: $HOSTNAME, else role and pid)")
    String id;

    @CommandLine.Mixin
    KafkaOptions kafkaOptions;

    @Override
    public Integer call() throws Exception {
        if (role == Role.COORDINATOR) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--role must be producer or consumer, got coordinator");
        }
        ControlKey controlKey = kafkaOptions.controlKey(spec); // a usage error before anything else
        Console console = new Console(System.out, System.err, false);
        HandoffHome home = HandoffHome.locate();
        try {
            home.requireBuilt(false);
        } catch (IllegalStateException e) {
            console.error("handoff agent: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        KafkaEndpoint kafka;
        try {
            kafka = kafkaOptions.awaitReachable(controlKey);
        } catch (KafkaEndpoint.UnreachableException e) {
            console.error("handoff agent: %s", e.getMessage());
            return ExitCodes.ENVIRONMENT;
        }
        String agentId = id == null || id.isBlank() ? role.name().toLowerCase() + "-agent-" + ProcessHandle.current().pid() : id;
        try (Agent agent = new Agent(agentId, role, kafka, home, console)) {
            Quarkus.waitForExit();
        }
        return ExitCodes.PASSED;
    }
}
