package io.handoff.coordinator.run;

import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.report.Console;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's events reach the console and the live page's log as the same line, under the mechanism's heading. */
class RunEventsTest {

    @Test
    void eachEventIsOneLineUnderItsHeadingOnTheConsoleAndTheLivePage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveFeed live = new LiveFeed();
        RunEvents events = new RunEvents(new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, false), live);
        List<RunEvent> told = List.of(new RunEvent.Killed("kill -9", "consumer-1", 4242),
                new RunEvent.Died("consumer-0", 17, 137), new RunEvent.Restarted("consumer-1", 4343),
                new RunEvent.Recovered(2_340, "consumer-1", List.of(0, 3)),
                new RunEvent.ProducersThroughOutage(1_480.4, 5.04, 1_502.6), new RunEvent.StopSent("after 12 s"),
                new RunEvent.Joined("consumer-3", 99), new RunEvent.JoinFailed("no answer"),
                new RunEvent.NothingToKill(), new RunEvent.ConsumerDelay(20));
        told.forEach(events::tell);

        assertThat(live.events()).containsExactly(
                "isolation   kill -9: consumer-1 (pid 4242)",
                "isolation   consumer-0 (pid 17) died with exit code 137; its partitions move to the others",
                "isolation   restarted consumer-1 as pid 4343",
                "isolation   recovered in 2.3 s: consumer-1's partitions [0, 3] flowing again",
                "isolation   producers at 1480 items/s in the 5.0 s since the kill (1503 before)",
                "stop        sent (after 12 s): producers write their sentinels, consumers drain to them",
                "join        consumer-3 started (pid 99) on a consumer agent that came up mid-run; the group rebalances"
                        + " and it takes partitions of this run",
                "join        failed: no answer",
                "live page   kill asked; no consumer at work to kill, or an outage still followed",
                "live page   consumers now spend 20 ms more per item");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).as("the console, indented")
                .containsExactlyElementsOf(live.events().stream().map(line -> "  " + line).toList());
    }
}
