package io.handoff.consumer.work;

import io.handoff.consumer.config.ConsumerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Extra time a worker spends on every item, as a slow downstream would impose: the slow-consumer
 * scenario. Set by {@code handoff.consumer.delay-ms} and changed live by {@code mode} commands.
 */
@ApplicationScoped
public class Slowdown {

    private volatile int delayMs;

    @Inject
    public Slowdown(ConsumerConfig config) {
        this.delayMs = config.delayMs();
    }

    public int delayMs() {
        return delayMs;
    }

    public void set(int delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ms, got " + delayMs);
        }
        this.delayMs = delayMs;
    }

    /** Waits the current delay; a virtual worker gives its carrier back meanwhile. */
    void apply() throws InterruptedException {
        int delay = delayMs;
        if (delay > 0) {
            Thread.sleep(Duration.ofMillis(delay));
        }
    }
}
