package io.handoff.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How one consumer instance works; every key can be set as an environment variable, e.g. HANDOFF_CONSUMER_WORKERS. */
@ConfigMapping(prefix = "handoff.consumer")
public interface ConsumerConfig {

    /** Worker threads applying transfers; one key always goes to the same worker. */
    @WithDefault("4")
    int workers();

    /**
     * Records taken from Kafka but not yet finished, at most. The stream requests no more than this, so
     * the connector's buffer fills and it pauses its partitions: backpressure instead of memory growth.
     */
    @WithDefault("1000")
    int maxInFlight();

    /** How long a stop waits for work in hand to finish before it reports anyway. */
    @WithDefault("30s")
    java.time.Duration drainTimeout();

    /** Whether the process exits after a stop has been reported (a run), or stays up (tests, inspection). */
    @WithDefault("true")
    boolean exitOnStop();
}
