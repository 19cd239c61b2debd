package io.handoff.coordinator.scenario;

import java.util.Locale;

/**
 * Something a run did that people watch for: the console prints it as one line under its heading, and the live
 * page's event log lists the same line. The engine tells its own events; a scenario's fault tells its own, each
 * declared in the scenario's package (or beside the shared strike that causes it). Nothing reads these lines back:
 * whoever needs an event gets the event.
 */
public interface Event {

    /** The mechanism it belongs to, lower case: the console's first column. */
    String heading();

    /** The line under the heading. */
    String text();

    /** The line as the console and the page show it. */
    default String line() {
        return String.format(Locale.ROOT, "%-11s %s", heading(), text());
    }
}
