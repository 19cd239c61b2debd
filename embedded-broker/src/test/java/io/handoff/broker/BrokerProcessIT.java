package io.handoff.broker;

import io.handoff.shared.process.ParentWatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged broker as a process: it serves clients, and it exits by itself when its parent dies, so a
 * coordinator killed with {@code kill -9} leaves no broker behind.
 */
class BrokerProcessIT {

    private static final Path JAR = Path.of("target", "handoff-broker.jar").toAbsolutePath();

    @Test
    void servesClientsThenExitsWhenItsParentProcessDies(@TempDir Path dataDir) throws Exception {
        Process parent = new ProcessBuilder("sleep", "300").start();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString(), "--data-dir", dataDir.toString(), "--port", Integer.toString(port),
                "--controller-port", Integer.toString(freePort()))
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("broker.log").toFile());
        builder.environment().put(ParentWatch.PARENT_PID_ENV, Long.toString(parent.pid()));
        Process broker = builder.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
            admin.createTopics(List.of(new NewTopic("probe", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            assertThat(admin.describeTopics(List.of("probe")).allTopicNames().get().get("probe").partitions()).hasSize(3);
        }

        parent.destroyForcibly();

        await().atMost(20, TimeUnit.SECONDS).until(() -> !broker.isAlive());
        assertThat(broker.exitValue()).isEqualTo(ParentWatch.ORPHANED_EXIT_CODE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
