package io.handoff.coordinator.run;

import io.handoff.coordinator.scenario.Event;

import java.util.List;
import java.util.Locale;

/**
 * The engine's own events: what its outage watch, its scene and its loop do and see. A scenario's fault tells its events
 * through the same {@link Event} contract, declared in its own package.
 */
public sealed interface RunEvent extends Event {

    /** The mechanism an event belongs to: the console's first column. */
    enum Heading {
        ISOLATION, POISON, STALL, REBALANCE, STOP, JOIN, LIVE_PAGE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    Heading mechanism();

    @Override
    default String heading() {
        return mechanism().label();
    }

    /** A fault or the live page's button had a consumer killed, or a soak killed one. */
    record Killed(String how, String consumer, long pid) implements RunEvent {
        public Heading mechanism() {
            return Heading.ISOLATION;
        }

        public String text() {
            return how + ": " + consumer + " (pid " + pid + ")";
        }
    }

    /** A consumer died without being killed by the run: a crash, or someone's kill -9. */
    record Died(String consumer, long pid, int exitCode) implements RunEvent {
        public Heading mechanism() {
            return Heading.ISOLATION;
        }

        public String text() {
            return consumer + " (pid " + pid + ") died with exit code " + exitCode + "; its partitions move to the others";
        }
    }

    record Restarted(String consumer, long pid) implements RunEvent {
        public Heading mechanism() {
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

        public Heading mechanism() {
            return Heading.ISOLATION;
        }

        public String text() {
            return String.format(Locale.ROOT, "recovered in %.1f s: %s's partitions %s flowing again", millis / 1000.0,
                    consumer, partitions);
        }
    }

    /** The producers' rate over the outage, against the rate before it. */
    record ProducersThroughOutage(double perSecondDuring, double seconds, double perSecondBefore) implements RunEvent {
        public Heading mechanism() {
            return Heading.ISOLATION;
        }

        public String text() {
            return String.format(Locale.ROOT, "producers at %.0f items/s in the %.1f s since the kill (%.0f before)",
                    perSecondDuring, seconds, perSecondBefore);
        }
    }

    /** A fault wrote bad records into items mid-run. */
    record PoisonInjected(int records, int partitions) implements RunEvent {
        public Heading mechanism() {
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

        public Heading mechanism() {
            return Heading.STALL;
        }

        public String text() {
            StringBuilder text = new StringBuilder("nothing moved for " + seconds + " s");
            consumersSaid.forEach(said -> text.append("; ").append(said));
            return text.append(dumped ? "; thread dumps written into the logs of this machine's services" : "")
                    .toString();
        }
    }

    /** A fault started one more consumer. */
    record ConsumerJoined(String consumer, long pid) implements RunEvent {
        public Heading mechanism() {
            return Heading.REBALANCE;
        }

        public String text() {
            return consumer + " joins (pid " + pid + "): the group rebalances to give it partitions";
        }
    }

    /** A fault asked a consumer to stop, as scaling down does. */
    record ConsumerLeft(String consumer, long pid) implements RunEvent {
        public Heading mechanism() {
            return Heading.REBALANCE;
        }

        public String text() {
            return consumer + " leaves (SIGTERM to pid " + pid + "): the group rebalances its partitions to the others";
        }
    }

    record StopSent(String why) implements RunEvent {
        public Heading mechanism() {
            return Heading.STOP;
        }

        public String text() {
            return "sent (" + why + "): producers write their sentinels, consumers drain to them";
        }
    }

    /** A consumer agent that came up mid-run was given a consumer of this run. */
    record Joined(String consumer, long pid) implements RunEvent {
        public Heading mechanism() {
            return Heading.JOIN;
        }

        public String text() {
            return consumer + " started (pid " + pid + ") on a consumer agent that came up mid-run; the group "
                    + "rebalances and it takes partitions of this run";
        }
    }

    record JoinFailed(String why) implements RunEvent {
        public Heading mechanism() {
            return Heading.JOIN;
        }

        public String text() {
            return "failed: " + why;
        }
    }

    /** The page's kill button found no consumer at work, or an outage was still being followed. */
    record NothingToKill() implements RunEvent {
        public Heading mechanism() {
            return Heading.LIVE_PAGE;
        }

        public String text() {
            return "kill asked; no consumer at work to kill, or an outage still followed";
        }
    }

    record ConsumerDelay(int delayMs) implements RunEvent {
        public Heading mechanism() {
            return Heading.LIVE_PAGE;
        }

        public String text() {
            return "consumers now spend " + delayMs + " ms more per item";
        }
    }
}
