package io.handoff.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the broker process.
 *
 * @param dataDir        where the broker keeps its log directory and its generated {@code server.properties}
 * @param host           the address both listeners bind to and advertise
 * @param port           the client (PLAINTEXT) port
 * @param controllerPort the KRaft controller port
 * @param overrides      extra broker properties, {@code --set key=value}, applied last
 * @param scram          SCRAM users written into the storage when it is formatted, {@code --scram
 *                       SCRAM-SHA-256=[name=alice,password=secret]} (kafka-storage's {@code --add-scram}): a KRaft
 *                       cluster's first users, before any client can create them
 */
record BrokerOptions(Path dataDir, String host, int port, int controllerPort, Map<String, String> overrides,
        List<String> scram) {

    static final String USAGE = "usage: handoff-broker --data-dir DIR --port PORT --controller-port PORT"
            + " [--host 127.0.0.1] [--set key=value]... [--scram MECHANISM=[name=USER,password=SECRET]]...";

    /** Parses the arguments; throws with a one-line message naming the problem and the accepted form. */
    static BrokerOptions parse(String[] args) {
        Path dataDir = null;
        String host = "127.0.0.1";
        Integer port = null;
        Integer controllerPort = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> scram = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag + "; " + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--host" -> host = value;
                case "--port" -> port = port(flag, value);
                case "--controller-port" -> controllerPort = port(flag, value);
                case "--set" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set needs key=value, got '" + value + "'");
                    }
                    overrides.put(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--scram" -> {
                    if (!value.matches("SCRAM-SHA-(256|512)=\\[.+]")) {
                        throw new IllegalArgumentException("--scram needs SCRAM-SHA-256=[name=USER,password=SECRET] "
                                + "(or SCRAM-SHA-512), got '" + value.replaceAll("password=[^,\\]]*", "password=...") + "'");
                    }
                    scram.add(value);
                }
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'; " + USAGE);
            }
        }
        if (dataDir == null || port == null || controllerPort == null) {
            throw new IllegalArgumentException("--data-dir, --port and --controller-port are required; " + USAGE);
        }
        if (port.equals(controllerPort)) {
            throw new IllegalArgumentException("--port and --controller-port must differ, both are " + port);
        }
        return new BrokerOptions(dataDir, host, port, controllerPort, Map.copyOf(overrides), List.copyOf(scram));
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(flag + " must be a port number from 1 to 65535, got '" + value + "'");
    }
}
