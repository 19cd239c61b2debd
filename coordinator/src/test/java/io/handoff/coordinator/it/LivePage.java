package io.handoff.coordinator.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.shared.testing.Http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's live page, as its first lines print it (address and the API token made at its start): what a test
 * needs to hold a run open while it acts on it and to end it when it is done, whatever the machine's speed.
 * A run that a test acts on starts with {@code --items 0 --stop-after} a time far beyond the test's need, and
 * the test stops it here, as the page's stop button does.
 */
record LivePage(URI address, String token) {

    private static final Pattern LINE = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)#token=([0-9a-f]{64})");

    /** Waits for the run's "live page" line; it comes before anything else the run prints. */
    static LivePage of(Launcher.Running run) throws InterruptedException {
        Matcher url = LINE.matcher(run.awaitLine("live page", Duration.ofSeconds(90)));
        assertThat(url.find()).as("the run prints its live page's address, with the API token made at its start")
                .isTrue();
        return new LivePage(URI.create(url.group(1)), url.group(2));
    }

    /** What the page shows now: state, counts, processes. */
    JsonNode now() throws IOException, InterruptedException {
        return Http.json(address.resolve("api/live/now"));
    }

    /** The page's stop: producers drain and write their sentinels, consumers finish. */
    void stop() throws IOException, InterruptedException {
        Http.Reply reply = Http.post(address.resolve("api/live/stop"), "", token);
        assertThat(reply.status()).as("the stop, asked on the live page: %s", reply.body()).isEqualTo(202);
    }
}
