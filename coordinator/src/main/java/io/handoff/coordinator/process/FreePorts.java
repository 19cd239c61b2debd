package io.handoff.coordinator.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds loopback ports that are free now, for listeners whose port must be known before their process starts
 * (the embedded broker's, the services' management ports).
 *
 * <p>Why not simply {@code new ServerSocket(0)}: that port comes from the kernel's ephemeral range, the same
 * range every outgoing connection draws its local port from. Between closing the probe and the child binding
 * the port, any of the many Kafka client connections on this machine may take it, and the child then fails
 * with "Address already in use" (seen in CI). So on Linux the port is drawn at random from below the
 * ephemeral range, where only explicit binds land, probed, and never handed out twice by this JVM.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 15_000;
    private static final int ATTEMPTS = 200;
    /** Ports that docker-compose.yml publishes on the host (Kafka's host listener): never handed out. */
    private static final Set<Integer> RESERVED = Set.of(29_092);

    /** Guards {@link #handedOut}: ports given to one caller are not given to the next. */
    private static final Object HANDOUT_LOCK = new Object();
    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    public static int next() {
        int ephemeralLow = ephemeralLow();
        if (ephemeralLow - LOWEST < 1_000) {
            return anyEphemeral();
        }
        synchronized (HANDOUT_LOCK) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralLow);
                if (!handedOut.contains(port) && !RESERVED.contains(port) && bindable(port)) {
                    handedOut.add(port);
                    return port;
                }
            }
        }
        return anyEphemeral();
    }

    /** The low end of the kernel's ephemeral port range; 0 where it cannot be read (not Linux). */
    static int ephemeralLow() {
        // Line by line: Files.readString gets a truncated read from this /proc file (size 0 reported).
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyEphemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
