package io.handoff.coordinator.serve;

import io.handoff.coordinator.live.LiveFeed;
import io.handoff.coordinator.live.RunPhase;
import io.handoff.shared.message.Role;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The coordinator's own meters on {@code /q/metrics}: whether it serves, the agents it hears, the runs it started. */
@ApplicationScoped
public class CoordinatorMeters {

    void register(@Observes StartupEvent start, MeterRegistry registry, RunJobs jobs) {
        Gauge.builder(MetricNames.COORDINATOR_SERVING, jobs, j -> j.isServing() ? 1 : 0)
                .description("1 while the coordinator serves its REST API").register(registry);
        for (Role role : new Role[] {Role.PRODUCER, Role.CONSUMER}) {
            Gauge.builder(MetricNames.COORDINATOR_AGENTS, jobs, j -> j.agentsAlive(role))
                    .tag("role", role.name().toLowerCase(java.util.Locale.ROOT)).description("Agents heard from and alive").register(registry);
        }
        FunctionCounter.builder(MetricNames.COORDINATOR_RUNS, jobs, RunJobs::runsStarted)
                .description("Runs started over the REST API").register(registry);
        for (JobState state : JobState.values()) {
            Gauge.builder(MetricNames.COORDINATOR_JOBS, jobs, j -> j.jobsIn(state)).tag("state", state.label())
                    .description("Runs asked for over REST, kept, by state").register(registry);
        }
        LiveFeed live = LiveFeed.current();
        for (RunPhase phase : RunPhase.values()) {
            Gauge.builder(MetricNames.COORDINATOR_RUN_PHASE, live, l -> l.latest().state() == phase ? 1 : 0)
                    .tag("phase", phase.label()).description("1 for the phase the run in progress (or the last) is in")
                    .register(registry);
        }
    }
}
