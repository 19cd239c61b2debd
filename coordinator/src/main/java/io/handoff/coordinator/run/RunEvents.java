package io.handoff.coordinator.run;

import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.report.Console;

/** Where a run's events go: the console, as one line each, and the live page's event log, the same line. */
public record RunEvents(Console console, LiveFeed live) {

    public void tell(RunEvent event) {
        String line = event.line();
        console.say("  %s", line);
        live.event(line);
    }
}
