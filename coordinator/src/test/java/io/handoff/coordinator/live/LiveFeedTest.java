package io.handoff.coordinator.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's actions wait in a bounded queue: a flood of clicks (or of POSTs) cannot grow it without end. */
class LiveFeedTest {

    @Test
    void actionsBeyondTheBoundAreRefusedUntilTheRunTakesSome() {
        LiveFeed feed = new LiveFeed();
        for (int i = 0; i < LiveFeed.ACTIONS_QUEUED; i++) {
            assertThat(feed.request(LiveFeed.Action.values()[i % LiveFeed.Action.values().length])).isTrue();
        }
        assertThat(feed.request(LiveFeed.Action.values()[0])).as("one more than the bound").isFalse();
        assertThat(feed.nextRequest()).isPresent();
        assertThat(feed.request(LiveFeed.Action.values()[0])).as("room again once the run took one").isTrue();
    }
}
