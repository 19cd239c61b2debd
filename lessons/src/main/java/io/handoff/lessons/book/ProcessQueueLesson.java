package io.handoff.lessons.book;

import io.handoff.lessons.Children;
import io.handoff.lessons.Lab;
import io.handoff.lessons.Lesson;
import io.handoff.lessons.Outcome;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * The one lesson with a broker: the pipeline's embedded Kafka broker as a process, a producer process that
 * writes 1,000 records and a sentinel to a topic, and a consumer process that reads them. A queue between
 * processes, which outlives either of them.
 */
public final class ProcessQueueLesson implements Lesson {

    static final String TOPIC = "lesson-queue";
    static final int RECORDS = 1_000;
    static final String STOP = "STOP";

    @Override
    public String name() {
        return "process-queue";
    }

    @Override
    public Forms forms() {
        return new Forms("multiprocessing.Queue", "a Kafka topic");
    }

    @Override
    public String idea() {
        return "a queue between processes: a Kafka topic, written by one process, read by another";
    }

    @Override
    public String python() {
        return "q = multiprocessing.Queue(); Process(target=producer, args=(q,)); Process(target=consumer, args=(q,))";
    }

    @Override
    public String java() {
        return "a topic on the embedded Kafka broker; KafkaProducer in one JVM, KafkaConsumer in another";
    }

    @Override
    public boolean startsBroker() {
        return true;
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.acceptable("record-across-in-order", "a record written by one process was read by the other, in order"),
                Outcome.forbidden("record-lost-or-out-of-order", "a record missing, doubled or out of order"));
    }

    @Override
    public void run(Lab lab) throws Exception {
        Path home = Path.of(System.getProperty("handoff.home", ".")).toAbsolutePath().normalize();
        Path jar = home.resolve("embedded-broker/target/handoff-broker.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no broker at " + jar + ": build first (./handoff build)");
        }
        Path dir = Files.createTempDirectory("handoff-lesson-broker");
        try {
            int port = freePort();
            int controller = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms128m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
                    "--data-dir", dir.resolve("data").toString(), "--port", Integer.toString(port), "--controller-port",
                    Integer.toString(controller)));
            long started = System.nanoTime();
            Process broker = lab.children().start(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("broker.log").toFile()));
            String bootstrap = "127.0.0.1:" + port;
            createTopic(bootstrap, broker);
            lab.say("broker: pid %d on %s, answering after %.1f s; topic '%s' made (1 partition)", broker.pid(),
                    bootstrap, (System.nanoTime() - started) / 1e9, TOPIC);

            List<String> consumed = new CopyOnWriteArrayList<>();
            Process consumer = lab.children().start(Reader.class, bootstrap);
            Thread reading = Children.readLines(consumer, consumed::add);
            Process producer = lab.children().start(Writer.class, bootstrap);
            List<String> produced = new CopyOnWriteArrayList<>();
            Thread writing = Children.readLines(producer, produced::add);
            lab.say("producer process pid %d, consumer process pid %d: they share nothing but the broker's address",
                    producer.pid(), consumer.pid());
            int producerExit = Children.waitFor(producer, 60);
            writing.join(5_000);
            int consumerExit = Children.waitFor(consumer, 60);
            reading.join(5_000);
            produced.forEach(l -> lab.say("  producer | %s", l));
            consumed.stream().filter(l -> !l.startsWith("got ")).forEach(l -> lab.say("  consumer | %s", l));
            lab.say("exit codes: producer %d, consumer %d", producerExit, consumerExit);
            long inOrder = 0;
            List<String> values = consumed.stream().filter(l -> l.startsWith("got ")).map(l -> l.substring(4)).toList();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).equals(Integer.toString(i))) {
                    inOrder++;
                }
            }
            lab.observe("record-across-in-order", inOrder);
            if (inOrder != RECORDS || values.size() != RECORDS) {
                lab.observe("record-lost-or-out-of-order", Math.max(1, Math.abs(RECORDS - inOrder)));
            }
            broker.destroy();
            Children.waitFor(broker, 30);
            lab.say("broker stopped; the records were on its disk, not in either process: %s", dir.resolve("data"));
        } finally {
            deleteTree(dir);
        }
        lab.notice("multiprocessing.Queue lives in the parent; a topic lives in the broker, so either side may restart.");
        lab.notice("The consumer got a sentinel record last, as the pipeline's producers end each partition with one.");
        lab.notice("Order holds within a partition; the pipeline keys items so one account's transfers share a partition.");
    }

    private static void createTopic(String bootstrap, Process broker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String[] hostPort = bootstrap.split(":");
        while (true) { // the port first: a client that finds nobody there logs a warning for each try
            try (java.net.Socket probe = new java.net.Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                break;
            } catch (IOException e) {
                if (!broker.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not listen within 60 s (exit "
                            + (broker.isAlive() ? "none yet" : broker.exitValue()) + ")", e);
                }
                Thread.sleep(100);
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        return;
                    }
                    if (!broker.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker did not answer within 60 s", e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public Pipeline pipeline() {
        return new Pipeline("the topics 'items' and 'results' between producer-service and consumer-service processes",
                "./handoff run --items 100000", "the embedded broker; --bootstrap HOST:PORT takes one of your own");
    }

    /** The producer process: RECORDS records, then the sentinel. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0], ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, Integer.toString(i)));
                }
                producer.send(new ProducerRecord<>(TOPIC, STOP)).get();
            }
            System.out.println("pid " + ProcessHandle.current().pid() + ": wrote " + RECORDS + " records and the sentinel");
        }
    }

    /** The consumer process: reads partition 0 from the start until the sentinel. */
    public static final class Reader {
        public static void main(String[] args) {
            int read = 0;
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]), new StringDeserializer(), new StringDeserializer())) {
                TopicPartition partition = new TopicPartition(TOPIC, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long deadline = System.nanoTime() + Duration.ofSeconds(50).toNanos();
                while (System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value().equals(STOP)) {
                            System.out.println("pid " + ProcessHandle.current().pid() + ": read " + read
                                    + " records, then the sentinel");
                            return;
                        }
                        System.out.println("got " + record.value());
                        read++;
                    }
                }
            }
            System.out.println("no sentinel within 50 s after " + read + " records");
            System.exit(1);
        }
    }
}
