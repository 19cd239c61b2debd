package io.handoff.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.regex.Pattern;

/**
 * {@code --bootstrap} and {@code --partitions}: the cluster a run uses instead of starting its own broker, and how
 * many partitions its topics have (run, bench-kafka). The commands that only join a platform's cluster take
 * {@link KafkaOptions} instead.
 */
public final class ClusterOptions {

    private static final Pattern BOOTSTRAP = Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "partitions of the run's topics (1-1000)")
    public int partitions;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "use this Kafka cluster instead of starting the embedded broker; its topics and records are kept")
    public String bootstrap;

    public void check(CommandLine commandLine) {
        OptionRange.PARTITIONS.check(commandLine, partitions);
        if (bootstrap != null && !validBootstrap(bootstrap)) {
            throw new CommandLine.ParameterException(commandLine, "--bootstrap must be HOST:PORT[,HOST:PORT...]"
                    + " with ports from 1 to 65535, e.g. 127.0.0.1:9092; got '" + bootstrap + "'");
        }
    }

    public static boolean validBootstrap(String value) {
        if (!BOOTSTRAP.matcher(value).matches()) {
            return false;
        }
        for (String address : value.split(",")) {
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            if (port < 1 || port > 65535) {
                return false;
            }
        }
        return true;
    }
}
