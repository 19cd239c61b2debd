package io.handoff.coordinator.serve;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: UP once {@code serve} has reached Kafka and hears agents, the moment its REST API
 * can take a run. Probes and the image's healthcheck read it. Embedded runs ({@code run}, {@code demo}) never
 * serve, so there it stays DOWN, which no one probes.
 */
@Readiness
@ApplicationScoped
public class ServingReadiness implements HealthCheck {

    private final RunJobs jobs;

    @Inject
    public ServingReadiness(RunJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("serving").status(jobs.isServing()).build();
    }
}
