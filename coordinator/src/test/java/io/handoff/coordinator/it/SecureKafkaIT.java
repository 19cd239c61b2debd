package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.coordinator.kafka.KafkaEndpoint;
import io.handoff.coordinator.process.ChildProcess;
import io.handoff.coordinator.process.ChildProcesses;
import io.handoff.coordinator.process.FreePorts;
import io.handoff.coordinator.process.HandoffHome;
import io.handoff.coordinator.process.JavaCommand;
import io.handoff.coordinator.web.ApiAccess;
import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.auth.ControlRecords;
import io.handoff.shared.auth.Secrets;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.control.Crash;
import io.handoff.shared.testing.Http;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Kafka's own security, end to end. A real broker process with only a SASL/SCRAM-SHA-256 listener over TLS (a
 * certificate made for 127.0.0.1 by the JDK's keytool, which the clients trust) and Kafka's standard authorizer, and three principals: {@code admin} (the cluster's super user, which sets the ACLs),
 * {@code coordinator} (everything), and {@code service} (read every topic and group; write only items, results,
 * status and the dead-letter topic). {@code serve} runs as the coordinator; three agents, and so the services they
 * start, which inherit their environment, run as the service. Every client takes the standard settings from the
 * same variables: {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG} and
 * {@code KAFKA_SSL_TRUSTSTORE_*}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureKafkaIT {

    static final String ADMIN = Secrets.generate();
    static final String COORDINATOR = Secrets.generate();
    static final String SERVICE = Secrets.generate();
    static final ControlKey KEY = ControlKey.generate();
    static final String TOKEN = Secrets.generate();
    static final String STORE_PASSWORD = Secrets.generate();

    static final ChildProcesses BROKER = new ChildProcesses();
    static final List<Launcher.Running> platform = new ArrayList<>();
    static Path data;
    static Path truststore;
    static String bootstrap;
    static URI api;

    @BeforeAll
    static void startASecuredBrokerServeAndAgents() throws Exception {
        data = Files.createTempDirectory("handoff-secure-broker-");
        Path keystore = data.resolve("broker.p12");
        truststore = data.resolve("clients-trust.p12");
        makeCertificate(keystore, truststore);
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        bootstrap = "127.0.0.1:" + port;
        List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "--port", Integer.toString(port),
                "--controller-port", Integer.toString(controllerPort)));
        for (String setting : List.of(
                "listeners=SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port,
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL",
                "inter.broker.listener.name=SASL_SSL",
                "sasl.enabled.mechanisms=SCRAM-SHA-256",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256",
                "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=" + jaas("admin", ADMIN),
                "ssl.keystore.location=" + keystore, "ssl.keystore.type=PKCS12",
                "ssl.keystore.password=" + STORE_PASSWORD, "ssl.key.password=" + STORE_PASSWORD,
                // The broker is its own client on the inter-broker listener: it must trust its certificate too.
                "ssl.truststore.location=" + truststore, "ssl.truststore.type=PKCS12",
                "ssl.truststore.password=" + STORE_PASSWORD,
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                // ANONYMOUS: the broker's own requests on the (PLAINTEXT, unadvertised) controller listener.
                "super.users=User:ANONYMOUS;User:admin")) {
            args.addAll(List.of("--set", setting));
        }
        for (String[] user : new String[][] {{"admin", ADMIN}, {"coordinator", COORDINATOR}, {"service", SERVICE}}) {
            args.addAll(List.of("--scram", "SCRAM-SHA-256=[name=" + user[0] + ",password=" + user[1] + "]"));
        }
        ChildProcess broker = BROKER.start("secure-broker", JavaCommand.jar(new HandoffHome(Launcher.HOME).brokerJar(),
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), args), Map.of(), data.resolve("broker.log"));
        KafkaEndpoint admin = new KafkaEndpoint(bootstrap, KEY, security("admin", ADMIN));
        admin.awaitReachable(Duration.ofSeconds(90), broker::isAlive);
        try (Admin client = admin.admin()) {
            client.createAcls(acls()).all().get();
        }

        int httpPort = FreePorts.next();
        Map<String, String> serveEnv = new HashMap<>(env("coordinator", COORDINATOR));
        serveEnv.putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(httpPort), ApiAccess.ENV, TOKEN));
        Launcher.Running serve = Launcher.start(serveEnv, "serve", "--bootstrap", bootstrap);
        platform.add(serve);
        // First: serve creates the single topics, which the service principal may not.
        serve.awaitLine("API at http://127.0.0.1:" + httpPort, Duration.ofSeconds(90));
        api = URI.create("http://127.0.0.1:" + httpPort + "/api/");
        for (String agent : List.of("consumer c-1", "consumer c-2", "producer p-1")) {
            String[] roleAndId = agent.split(" ");
            Launcher.Running running = Launcher.start(env("service", SERVICE), "agent", "--role", roleAndId[0],
                    "--id", roleAndId[1], "--bootstrap", bootstrap);
            platform.add(running);
            running.awaitLine("waiting for launch commands", Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        platform.forEach(p -> p.process().destroy());
        for (Launcher.Running process : platform) {
            process.awaitExit(Duration.ofSeconds(30));
        }
        BROKER.close();
        io.handoff.coordinator.run.RunFolders.deleteTree(data);
    }

    @Test
    @Order(1)
    void aFullRunPassesWithEveryProcessAuthenticatedAndAuthorizedByTheBroker() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Http.json(api.resolve("agents"))).as("agents heard over the secured cluster").hasSize(3));
        Http.Reply started = Http.post(api.resolve("runs"), "{\"scenario\":\"steady\",\"items\":20000}", TOKEN);
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        JsonNode job = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.json(api.resolve("runs/" + started.body().get("id").asInt())),
                        j -> !j.get("state").asText().equals("running"));
        JsonNode report = job.get("report");
        assertThat(job.get("state").asText()).as("verdict: %s", report.get("verdict")).isEqualTo("passed");
        assertThat(report.get("lost").asLong()).isZero();
        assertThat(report.get("consumedUnique").asLong()).isEqualTo(20_000);
        assertThat(report.get("endedBy").asText()).isEqualTo("sentinels");
    }

    /** The broker, not Handoff, refuses a service that tries to command: its principal may not write to control. */
    @Test
    @Order(2)
    void theBrokerRefusesACrashCommandFromTheServicePrincipal() throws Exception {
        KafkaEndpoint asService = new KafkaEndpoint(bootstrap, KEY, security("service", SERVICE));
        try (KafkaProducer<byte[], byte[]> producer = asService.writer()) {
            producer.send(new ProducerRecord<>(Topics.ITEMS_DLQ, "allowed".getBytes(StandardCharsets.UTF_8))).get();
            // Sealed with the right key, even: what stops it is the broker's ACL.
            assertThatThrownBy(() -> producer.send(ControlRecords.signed(KEY,
                    new Crash("any-run", "consumer-0", System.currentTimeMillis()))).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Wrong credentials: a clear line and the documented exit code 3, at once, for a run and for an agent. */
    @Test
    @Order(3)
    void wrongCredentialsFailAtOnceWithAClearErrorAndExitCode3() throws Exception {
        Map<String, String> wrong = env("coordinator", "not-" + COORDINATOR);
        for (List<String> command : List.of(List.of("run", "--items", "1000"), List.of("agent", "--role", "consumer"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--bootstrap", bootstrap));
            Map<String, String> env = new HashMap<>(wrong);
            env.put(ControlKey.ENV, KEY.text());
            Launcher.Running refused = Launcher.start(env, args.toArray(String[]::new));
            assertThat(refused.awaitLine("refused this client's credentials", Duration.ofSeconds(60)))
                    .as(String.join(" ", command)).contains("KAFKA_SASL_JAAS_CONFIG").doesNotContain(COORDINATOR);
            assertThat(refused.awaitExit(Duration.ofSeconds(60))).as("%s: exit code", command).isEqualTo(3);
        }
    }

    /** A key pair and certificate for 127.0.0.1 in the broker's keystore, and the certificate alone in the clients'. */
    private static void makeCertificate(Path keystore, Path truststore) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path certificate = keystore.resolveSibling("broker.crt");
        for (List<String> command : List.of(
                List.of(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-keystore", keystore.toString(),
                        "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD),
                List.of(keytool, "-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass",
                        STORE_PASSWORD, "-file", certificate.toString()),
                List.of(keytool, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                        "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD))) {
            Tools.run(data, Map.of(), Duration.ofMinutes(1), command).orFail("keytool " + command.get(1));
        }
    }

    private static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP)) {
            acls.add(allow("coordinator", type, "*", AclOperation.ALL));
            acls.add(allow("service", type, "*", AclOperation.READ));
            acls.add(allow("service", type, "*", AclOperation.DESCRIBE));
        }
        acls.add(allow("coordinator", ResourceType.CLUSTER, "kafka-cluster", AclOperation.ALL));
        acls.add(allow("service", ResourceType.CLUSTER, "kafka-cluster", AclOperation.DESCRIBE));
        for (String topic : List.of(Topics.ITEMS, Topics.RESULTS, Topics.STATUS, Topics.ITEMS_DLQ)) {
            acls.add(allow("service", ResourceType.TOPIC, topic, AclOperation.WRITE));
        }
        return acls;
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The client settings, by Kafka's names, for the clients this test makes itself. */
    private static Map<String, Object> security(String user, String password) {
        Map<String, Object> settings = new HashMap<>();
        env(user, password).forEach((variable, value) -> {
            if (variable.startsWith("KAFKA_")) {
                settings.put(variable.substring(6).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        return settings;
    }

    /** The same, as the environment every Handoff process reads them from. */
    private static Map<String, String> env(String user, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString());
        env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
        env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", STORE_PASSWORD);
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-256");
        env.put("KAFKA_SASL_JAAS_CONFIG", jaas(user, password));
        env.put(ControlKey.ENV, KEY.text());
        return env;
    }
}
