package io.handoff.coordinator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreBindableDistinctAndOutsideTheEphemeralRange() throws IOException {
        int ephemeralLow = FreePorts.ephemeralLow();
        assumeThat(ephemeralLow).as("Linux ephemeral range readable").isGreaterThan(16_000);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            int port = FreePorts.next();
            // Below the range outgoing connections draw from, so no client socket can take it meanwhile.
            assertThat(port).isBetween(1024, ephemeralLow - 1);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = FreePorts.next();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
