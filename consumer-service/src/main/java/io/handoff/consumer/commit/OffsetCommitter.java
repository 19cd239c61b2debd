package io.handoff.consumer.commit;

import io.handoff.shared.kafka.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Commits the {@code items} watermarks of finished work. Always on the channel's polling thread, the one that
 * also assigns and revokes partitions: a watermark computed there cannot belong to a partition that was revoked
 * in between, so a commit can never move another owner's offset back. Synchronous commits, every half second
 * and at each revocation and stop: one round trip each, off the per-item path.
 */
@ApplicationScoped
public class OffsetCommitter {

    private static final Logger LOG = Logger.getLogger(OffsetCommitter.class);
    private static final String CHANNEL = "items";

    private final KafkaClientService clients;
    /**
     * Commits the group refused (it had moved on: this consumer was fenced, or a rebalance was under way): each
     * leaves finished work uncommitted, for the next owner to do again.
     */
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    /** Its own timer thread: a commit waits for the polling thread, and must not hold up the heartbeat's sampler. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("offset-committer").daemon().factory());

    @Inject
    public OffsetCommitter(KafkaClientService clients) {
        this.clients = clients;
    }

    /** Commits what {@code due} says every {@code period}, until shutdown. */
    public void every(Duration period, Supplier<Map<Integer, Long>> due) {
        timer.scheduleWithFixedDelay(() -> commit(due, Duration.ofSeconds(5)), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** Computes on the polling thread what is due and commits it; false if that did not happen in time. */
    public boolean commit(Supplier<Map<Integer, Long>> due, Duration timeout) {
        try {
            clients.getConsumer(CHANNEL).runOnPollingThread(consumer -> {
                commitSync(consumer, due.get());
            }).await().atMost(timeout);
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("commit not done now: %s", e.toString());
            return false;
        }
    }

    /** Commits refused so far: hand-overs after which finished work may be done again. */
    public long refused() {
        return refused.get();
    }

    /** For callers already on the polling thread (rebalance listeners). A refused commit only means redone work. */
    public void commitSync(Consumer<?, ?> consumer, Map<Integer, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(new TopicPartition(Topics.ITEMS, partition),
                new OffsetAndMetadata(offset)));
        try {
            consumer.commitSync(commit);
            LOG.debugf("committed %s", commit);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            refused.incrementAndGet();
            LOG.warnf("commit of %s refused (%s); the next owner redoes that work", offsets, e.getMessage());
        }
    }
}
