package io.handoff.coordinator.run;

import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.report.Console;
import io.handoff.coordinator.scenario.Event;

/** Where a run's events go: the console, as one line each, and the live page's event log, the same line. */
public record RunEvents(Console console, LiveFeed live) {

    public void tell(Event event) {
        String line = event.line();
        console.say("  %s", line);
        live.event(line);
    }
}
