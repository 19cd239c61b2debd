package io.handoff.producer;

import io.handoff.shared.kafka.Topics;
import io.handoff.shared.message.Sentinel;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes this producer's sentinel to every partition of {@code items}, after every item is acknowledged, so
 * on each partition the sentinel comes after the last item. Its own channel ({@code sentinels}, the same
 * topic): the items emitter carries only items.
 */
@ApplicationScoped
public class SentinelWriter {

    private final Emitter<Sentinel> emitter;
    private final KafkaClientService clients;

    @Inject
    public SentinelWriter(@Channel("sentinels") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Sentinel> emitter,
            KafkaClientService clients) {
        this.emitter = emitter;
        this.clients = clients;
    }

    /** Writes one sentinel per partition and waits until Kafka has them all; returns how many. */
    int writeAll(String runId, String producerId, long sent) throws Exception {
        List<PartitionInfo> partitions = clients.getProducer("sentinels").partitionsFor(Topics.ITEMS)
                .await().atMost(Duration.ofSeconds(30));
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (PartitionInfo partition : partitions) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            RecordHeaders headers = new RecordHeaders();
            headers.add(Sentinel.KIND_HEADER, Sentinel.KIND.getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> where = OutgoingKafkaRecordMetadata.<String>builder()
                    .withPartition(partition.partition()).withKey(producerId).withHeaders(headers).build();
            emitter.send(Message.of(new Sentinel(runId, producerId, sent, partition.partition(),
                    System.currentTimeMillis()), Metadata.of(where), () -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    }, error -> {
                        ack.completeExceptionally(error);
                        return CompletableFuture.completedFuture(null);
                    }));
            acks.add(ack);
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return partitions.size();
    }
}
