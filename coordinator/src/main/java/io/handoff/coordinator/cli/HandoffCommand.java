package io.handoff.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./handoff}: the coordinator's commands. */
@Command(name = "handoff", mixinStandardHelpOptions = true, version = "Handoff 0.1.0",
        description = {
            "Concurrency at three scales on a real Kafka pipeline: producer and consumer services exchange "
                + "items through Kafka topics while the coordinator launches, drives and audits them.",
            ""},
        subcommands = {RunCommand.class, DemoCommand.class, SoakCommand.class, ServeCommand.class, AgentCommand.class,
            KeysCommand.class},
        footer = {
            "",
            "Commands of the ./handoff launcher itself:",
            "  learn  list the lessons; learn NAME runs one: each concurrency idea in seconds, on the pipeline's classes",
            "  build  build every module without tests (other commands build what is missing)",
            "  test   run the whole test suite: unit tests and real-broker integration tests",
            "  test quick  the inner loop: unit and service tests, and one short pipeline run",
            "  bench  measure the worker pool: CPU scaling, Little's law, virtual threads",
            "  bench-metrics [N]  throughput with metrics on vs off, N runs each (default 3)",
            "  bench-kafka  the pipeline against Kafka's own perf tools (bench-kafka --help)",
            "",
            "Exit codes: 0 every invariant held; 1 a check failed or the run was aborted; 2 wrong usage; "
                + "3 Kafka unreachable or refused the credentials, or nothing built."})
public class HandoffCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
