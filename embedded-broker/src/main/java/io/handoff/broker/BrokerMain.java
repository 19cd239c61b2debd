package io.handoff.broker;

import io.handoff.shared.process.ParentWatch;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one real Apache Kafka broker in KRaft mode as its own process: writes its configuration,
 * formats its storage the first time, then hands over to {@code kafka.Kafka}, exactly as
 * {@code kafka-server-start.sh} would. Exits when its parent process ends.
 */
public final class BrokerMain {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        BrokerOptions options;
        try {
            options = BrokerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("handoff-broker: " + e.getMessage());
            System.exit(2);
            return;
        }
        ParentWatch.exitWhenParentEnds();
        Path properties = BrokerConfig.write(options);
        formatOnce(options, properties);
        LOG.info("starting Kafka broker on {}:{} (controller port {}), data in {}",
                options.host(), options.port(), options.controllerPort(), options.dataDir());
        kafka.Kafka.main(new String[] {properties.toString()});
    }

    /** KRaft storage must be formatted with a cluster id once; a restart reuses what is there. */
    private static void formatOnce(BrokerOptions options, Path properties) {
        if (Files.exists(BrokerConfig.logDir(options).resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        java.util.List<String> format = new java.util.ArrayList<>(java.util.List.of("format", "--cluster-id", clusterId,
                "--config", properties.toString()));
        options.scram().forEach(user -> format.addAll(java.util.List.of("--add-scram", user)));
        int code = StorageTool.execute(format.toArray(String[]::new), System.out);
        if (code != 0) {
            System.err.println("handoff-broker: formatting storage in " + options.dataDir() + " failed (exit " + code + ")");
            System.exit(code);
        }
    }
}
