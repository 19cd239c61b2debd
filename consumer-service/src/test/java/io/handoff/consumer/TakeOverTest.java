package io.handoff.consumer;

import io.handoff.shared.kafka.JsonSerializer;
import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.ConsumerDone;
import io.handoff.shared.message.Item;
import io.handoff.shared.message.Result;
import io.handoff.shared.message.Transfer;
import io.handoff.shared.message.Work;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.message.control.Start;
import io.handoff.shared.message.control.Stop;
import io.handoff.shared.testing.InJvmKafka;
import io.handoff.shared.testing.InJvmKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.handoff.consumer.ConsumerServiceTest.awaitDone;
import static io.handoff.consumer.ConsumerServiceTest.control;
import static io.handoff.consumer.ConsumerServiceTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer that takes over partitions an earlier owner of its group left behind, set up exactly (the earlier
 * owner's work stands in as records plus committed offsets, written before the service starts):
 * <ul>
 * <li>partition 0 was <em>finished</em>: both producers' sentinels seen, acknowledged, committed past; with
 * producer-1's items written after producer-0's sentinel, the case that used to be processed twice;</li>
 * <li>partition 1's owner <em>crashed mid-drain</em>: committed up to offset 16 of 27, sentinels not passed;</li>
 * <li>partition 2 was never read.</li>
 * </ul>
 * The consumer must take partition 0 as finished without processing anything of it, resume partition 1 just
 * after the committed offset (the last committed item, re-read to check, is not processed again), read
 * partition 2 whole, and report all three finished.
 */
@QuarkusTest
@TestProfile(TakeOverTest.TakingOver.class)
@QuarkusTestResource(value = TakeOverTest.EarlierOwnerResource.class, restrictToAnnotatedClass = true)
class TakeOverTest {

    static final String RUN = "take-over-test";
    private static final JsonSerializer<Object> JSON = new JsonSerializer<>();
    /** Partition 1: records committed by the crashed owner (items seq 100..115). */
    private static final int CRASHED_COMMITTED = 16;

    public static class TakingOver implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "handoff.run-id", RUN,
                    "handoff.instance-id", "consumer-1",
                    "handoff.ledger.accounts", "100",
                    "handoff.consumer.exit-on-stop", "false");
        }
    }

    /** The broker, with the earlier owner's records and commits in place before the service starts. */
    public static class EarlierOwnerResource extends InJvmKafkaResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            try {
                InJvmKafka kafka = kafka();
                List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
                // Partition 0, offsets 0..16: producer-0 items 0..9, its sentinel, producer-1 items 0..4, its sentinel.
                addItems(records, 0, "producer-0", 0, 10);
                records.add(InJvmKafka.sentinel(RUN, "producer-0", 20, 0));
                addItems(records, 0, "producer-1", 0, 5);
                records.add(InJvmKafka.sentinel(RUN, "producer-1", 10, 0));
                records.add(foreignItem(0)); // offset 17: another run's item, after this run's end
                // Partition 1, offsets 0..26: producer-0 items 100..119, its sentinel, producer-1 items 100..104, its sentinel.
                addItems(records, 1, "producer-0", 100, 20);
                records.add(InJvmKafka.sentinel(RUN, "producer-0", 20, 1));
                addItems(records, 1, "producer-1", 100, 5);
                records.add(InJvmKafka.sentinel(RUN, "producer-1", 10, 1));
                // Partition 2: never read. Sentinels first would be odd; items then sentinels, as producers write.
                addItems(records, 2, "producer-0", 200, 5);
                records.add(InJvmKafka.sentinel(RUN, "producer-0", 20, 2));
                records.add(InJvmKafka.sentinel(RUN, "producer-1", 10, 2));
                records.add(foreignItem(2)); // offset 7
                kafka.send(Topics.ITEMS, records);
                try (Admin admin = kafka.admin()) {
                    admin.alterConsumerGroupOffsets("handoff-" + RUN, Map.of(
                            new TopicPartition(Topics.ITEMS, 0), new OffsetAndMetadata(17),
                            new TopicPartition(Topics.ITEMS, 1), new OffsetAndMetadata(CRASHED_COMMITTED))).all().get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not set up the earlier owner's partitions", e);
            }
            return config;
        }

        private static ProducerRecord<byte[], byte[]> foreignItem(int partition) {
            Item item = new Item("another-run", "producer-0", 0, "acct-1", System.currentTimeMillis(),
                    new Transfer(1, 2, 3), Work.NONE, "p");
            return new ProducerRecord<>(Topics.ITEMS, partition, item.key().getBytes(StandardCharsets.UTF_8),
                    JSON.serialize(Topics.ITEMS, item));
        }

        private static void addItems(List<ProducerRecord<byte[], byte[]>> records, int partition, String producer,
                long firstSeq, int count) {
            for (long seq = firstSeq; seq < firstSeq + count; seq++) {
                Transfer transfer = new Transfer((int) (seq % 100), (int) ((seq + 1) % 100), 3);
                Item item = new Item(RUN, producer, seq, "acct-" + transfer.from(), System.currentTimeMillis(), transfer,
                        Work.NONE, "p");
                records.add(new ProducerRecord<>(Topics.ITEMS, partition, item.key().getBytes(StandardCharsets.UTF_8),
                        JSON.serialize(Topics.ITEMS, item)));
            }
        }
    }

    @Test
    void finishedPartitionsAreNotProcessedAgainAndCrashedOnesResumeAfterTheirLastCommit() throws Exception {
        InJvmKafka kafka = InJvmKafkaResource.kafka();
        kafka.send(Topics.CONTROL, List.of(
                control(new Start(RUN, ControlCommand.EVERYONE, 1, List.of("producer-0", "producer-1"))),
                control(new Stop(RUN, ControlCommand.EVERYONE, 2))));

        List<ConsumerDone> dones = awaitDone(kafka, Duration.ofSeconds(60));
        // Partition 1: items 116..119 of producer-0 and 100..104 of producer-1; partition 2: 200..204.
        int expected = 4 + 5 + 5;
        assertThat(dones).singleElement().satisfies(done -> {
            assertThat(done.finished()).as("the finished partition counts as finished").containsExactly(0, 1, 2);
            assertThat(done.processed()).as("nothing of the finished partition, nothing committed before").isEqualTo(expected);
            assertThat(done.ledger().drift()).isZero();
        });
        List<String> results = kafka.readUntil(Topics.RESULTS, read -> read.size() >= expected, Duration.ofSeconds(30))
                .stream().map(r -> read(r.value(), Result.class)).map(r -> r.producerId() + "/" + r.seq()).toList();
        assertThat(results).containsExactlyInAnyOrder(
                "producer-0/116", "producer-0/117", "producer-0/118", "producer-0/119",
                "producer-1/100", "producer-1/101", "producer-1/102", "producer-1/103", "producer-1/104",
                "producer-0/200", "producer-0/201", "producer-0/202", "producer-0/203", "producer-0/204");
        // Every partition committed just past its last sentinel, never past a record after it (another run's
        // item here): the record below the committed offset is the proof the next owner reads.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                kafka.committedOffsets("handoff-" + RUN, Topics.ITEMS)).isEqualTo(Map.of(0, 17L, 1, 27L, 2, 7L)));
    }
}
