package io.handoff.coordinator.run;

import java.util.List;
import java.util.Locale;

/**
 * What happens during a run that people watch for, as typed values: the console prints each as one line under its
 * heading, and the live page's event log lists the same line. Nothing reads these lines back: whoever needs an
 * event gets the event.
 */
public sealed interface RunEvent {

    /** The mechanism an event belongs to: the console's first column. */
    enum Heading {
        ISOLATION, BROKER, POISON, STALL, REBALANCE, STOP, JOIN, LIVE_PAGE, SOAK;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    Heading heading();

    /** The line under the heading. */
    String text();

    /** The line as the console and the page show it. */
    default String line() {
        return String.format(Locale.ROOT, "%-11s %s", heading().label(), text());
    }

    /** The drill (or the live page's button) killed a consumer at work. */
    record Killed(String how, String consumer, long pid) implements RunEvent {
        public Heading heading() {
            return Heading.ISOLATION;
        }

        public String text() {
            return how + ": " + consumer + " (pid " + pid + ")";
        }
    }

    /** A consumer died without the drill: a crash, or someone's kill -9. */
    record Died(String consumer, long pid, int exitCode) implements RunEvent {
        public Heading heading() {
            return Heading.ISOLATION;
        }

        public String text() {
            return consumer + " (pid " + pid + ") died with exit code " + exitCode + "; its partitions move to the others";
        }
    }

    record Restarted(String consumer, long pid) implements RunEvent {
        public Heading heading() {
            return Heading.ISOLATION;
        }

        public String text() {
            return "restarted " + consumer + " as pid " + pid;
        }
    }

    /** Every partition the victim held has a result finished after its death. */
    record Recovered(long millis, String consumer, List<Integer> partitions) implements RunEvent {
        public Recovered {
            partitions = List.copyOf(partitions);
        }

        public Heading heading() {
            return Heading.ISOLATION;
        }

        public String text() {
            return String.format(Locale.ROOT, "recovered in %.1f s: %s's partitions %s flowing again", millis / 1000.0,
                    consumer, partitions);
        }
    }

    /** The producers' rate over the outage, against the rate before it. */
    record ProducersThroughOutage(double perSecondDuring, double seconds, double perSecondBefore) implements RunEvent {
        public Heading heading() {
            return Heading.ISOLATION;
        }

        public String text() {
            return String.format(Locale.ROOT, "producers at %.0f items/s in the %.1f s since the kill (%.0f before)",
                    perSecondDuring, seconds, perSecondBefore);
        }
    }

    /** A fault killed the run's broker with kill -9. */
    record BrokerKilled(long pid, boolean draining) implements RunEvent {
        public Heading heading() {
            return Heading.BROKER;
        }

        public String text() {
            return "kill -9 the broker (pid " + pid + ") " + (draining ? "during the drain" : "mid-run")
                    + ": producers and consumers keep their processes and retry";
        }
    }

    /** The broker is back on its data and port, and answers. */
    record BrokerBack(long pid, long downMs, long startupMs) implements RunEvent {
        public Heading heading() {
            return Heading.BROKER;
        }

        public String text() {
            return String.format(Locale.ROOT, "back as pid %d on the same data, %.1f s after the kill (start-up %.1f s)",
                    pid, downMs / 1000.0, startupMs / 1000.0);
        }
    }

    /** Every partition has a result finished after the broker came back. */
    record FlowingAgain(long millisAfterFault) implements RunEvent {
        public Heading heading() {
            return Heading.BROKER;
        }

        public String text() {
            return String.format(Locale.ROOT, "every partition flowing again, %.1f s after the kill",
                    millisAfterFault / 1000.0);
        }
    }

    /** A fault wrote bad records into items mid-run. */
    record PoisonInjected(int records, int partitions) implements RunEvent {
        public Heading heading() {
            return Heading.POISON;
        }

        public String text() {
            return records + " bad records written into items over " + partitions
                    + " partitions, among the items: each must reach the dead-letter topic, and no reader stop";
        }
    }

    /**
     * Nothing has moved for half the time after which the run is given up: what each live consumer said last, and
     * whether this machine's services were asked for thread dumps (SIGQUIT: each JVM prints one into its log and
     * goes on).
     */
    record NothingMoving(long seconds, List<String> consumersSaid, boolean dumped) implements RunEvent {
        public NothingMoving {
            consumersSaid = List.copyOf(consumersSaid);
        }

        public Heading heading() {
            return Heading.STALL;
        }

        public String text() {
            StringBuilder text = new StringBuilder("nothing moved for " + seconds + " s");
            consumersSaid.forEach(said -> text.append("; ").append(said));
            return text.append(dumped ? "; thread dumps written into the logs of this machine's services" : "")
                    .toString();
        }
    }

    /** A fault froze a consumer's process (SIGSTOP), or let it go on (SIGCONT). */
    record Frozen(String consumer, long pid, boolean frozen, long sessionTimeoutMs) implements RunEvent {
        public Heading heading() {
            return Heading.STALL;
        }

        public String text() {
            return frozen ? String.format(Locale.ROOT, "SIGSTOP %s (pid %d): it stays a member until its %.1f s"
                            + " session runs out, then the group moves on without it", consumer, pid,
                    sessionTimeoutMs / 1000.0)
                    : "SIGCONT " + consumer + " (pid " + pid + "): it finds itself out of the group, and rejoins";
        }
    }

    /** Every partition has a result finished since a moment: the group moved on, or came back. */
    record MovedOn(String what, long millis) implements RunEvent {
        public Heading heading() {
            return Heading.STALL;
        }

        public String text() {
            return String.format(Locale.ROOT, "%s, %.1f s after the freeze", what, millis / 1000.0);
        }
    }

    /** A fault started one more consumer. */
    record ConsumerJoined(String consumer, long pid) implements RunEvent {
        public Heading heading() {
            return Heading.REBALANCE;
        }

        public String text() {
            return consumer + " joins (pid " + pid + "): the group rebalances to give it partitions";
        }
    }

    /** A fault asked a consumer to stop, as scaling down does. */
    record ConsumerLeft(String consumer, long pid) implements RunEvent {
        public Heading heading() {
            return Heading.REBALANCE;
        }

        public String text() {
            return consumer + " leaves (SIGTERM to pid " + pid + "): the group rebalances its partitions to the others";
        }
    }

    record StopSent(String why) implements RunEvent {
        public Heading heading() {
            return Heading.STOP;
        }

        public String text() {
            return "sent (" + why + "): producers write their sentinels, consumers drain to them";
        }
    }

    /** A consumer agent that came up mid-run was given a consumer of this run. */
    record Joined(String consumer, long pid) implements RunEvent {
        public Heading heading() {
            return Heading.JOIN;
        }

        public String text() {
            return consumer + " started (pid " + pid + ") on a consumer agent that came up mid-run; the group "
                    + "rebalances and it takes partitions of this run";
        }
    }

    record JoinFailed(String why) implements RunEvent {
        public Heading heading() {
            return Heading.JOIN;
        }

        public String text() {
            return "failed: " + why;
        }
    }

    /** The page's kill button found no consumer at work, or an outage was still being followed. */
    record NothingToKill() implements RunEvent {
        public Heading heading() {
            return Heading.LIVE_PAGE;
        }

        public String text() {
            return "kill asked; no consumer at work to kill, or an outage still followed";
        }
    }

    record ConsumerDelay(int delayMs) implements RunEvent {
        public Heading heading() {
            return Heading.LIVE_PAGE;
        }

        public String text() {
            return "consumers now spend " + delayMs + " ms more per item";
        }
    }

    /** A soak measured the pipeline's most and set the producers to half of it. */
    record RateSet(double measuredPerSecond, int perProducer, int producers) implements RunEvent {
        public Heading heading() {
            return Heading.SOAK;
        }

        public String text() {
            return String.format(Locale.ROOT, "the pipeline did %,.0f items/s unpaced; producers now send %,d/s each"
                    + " (%d of them): half of that", measuredPerSecond, perProducer, producers);
        }
    }

    /** A soak's next fault, and how many came before it. */
    record FaultDue(int number, String kind) implements RunEvent {
        public Heading heading() {
            return Heading.SOAK;
        }

        public String text() {
            return "fault " + number + ": " + kind;
        }
    }
}
