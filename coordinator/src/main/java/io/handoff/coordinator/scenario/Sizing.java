package io.handoff.coordinator.scenario;


import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a caller may change in a scenario's run, from the command line or over REST: how many producers and
 * consumers, items for a scenario that ends after its items, seconds for one that stops after a time. The
 * rest is the scenario's: that is what it shows.
 */
public record Sizing(Optional<Integer> producers, Optional<Integer> consumers, Optional<Long> items,
        Optional<Duration> stopAfter) {

    public static final Sizing AS_PLANNED = new Sizing(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /**
     * The scenario's plan with these changes; an {@link IllegalArgumentException} that says what is accepted
     * when one does not apply to it.
     *
     * @param timed the scenarios that stop after a time, named when seconds or items do not fit
     */
    public RunPlan apply(Scenario scenario, RunPlan plan, List<String> timed) {
        if (items.isPresent() && plan.unbounded()) {
            throw new IllegalArgumentException("items applies to scenarios that end after their items; "
                    + scenario.name() + " produces until it stops after a time (give seconds instead)");
        }
        if (stopAfter.isPresent() && plan.ending().stopAfter().isEmpty()) {
            throw new IllegalArgumentException("seconds applies to scenarios that stop after a time ("
                    + String.join(", ", timed) + "); " + scenario.name() + " ends after its items");
        }
        RunPlan sized = plan.toBuilder().processes(producers.orElse(plan.producers()), consumers.orElse(plan.consumers()))
                .items(items.orElse(plan.items())).build();
        return stopAfter.map(sized::withStopAfter).orElse(sized);
    }
}
