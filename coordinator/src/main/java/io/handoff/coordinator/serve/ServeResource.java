package io.handoff.coordinator.serve;

import io.handoff.coordinator.agent.AgentRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * The serving coordinator's REST API: agents, scenarios, and runs to start and follow.
 * Errors come back as {@code {"error": "..."}} with a status that says whose fault it was.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ServeResource {

    /** An agent as the API shows it, with the control records it refused by reason. */
    public record AgentView(String id, String role, String host, long pid, boolean alive, long lastSeenMs,
            String running, java.util.Map<String, Long> controlRefused) {
    }

    /** A scenario as the API shows it. */
    public record ScenarioView(String name, String shows) {
    }

    @Inject
    RunJobs jobs;

    @GET
    @Path("/agents")
    public Response agents() {
        try {
            List<AgentView> views = jobs.agents().all().stream().map(ServeResource::view).toList();
            return Response.ok(views).build();
        } catch (RunJobs.Refused e) {
            return refused(e);
        }
    }

    private static AgentView view(AgentRegistry.Seen seen) {
        return new AgentView(seen.hello().instanceId(), seen.hello().role().name().toLowerCase(), seen.hello().host(),
                seen.hello().pid(), seen.alive(), seen.hello().atMs(), seen.hello().runningLaunchId(),
                seen.hello().controlRefused());
    }

    @GET
    @Path("/scenarios")
    public List<ScenarioView> scenarios() {
        return jobs.scenarios().stream().map(s -> new ScenarioView(s.name(), s.shows())).toList();
    }

    @GET
    @Path("/runs")
    public List<RunJob> runs() {
        return jobs.all();
    }

    @GET
    @Path("/runs/{id}")
    public Response run(@PathParam("id") int id) {
        return jobs.get(id).map(job -> Response.ok(job).build())
                .orElseGet(() -> Response.status(404).entity(Map.of("error", "no run " + id)).build());
    }

    @POST
    @Path("/runs")
    public Response start(RunRequest request) {
        try {
            return Response.accepted(jobs.start(request)).build();
        } catch (RunJobs.Refused e) {
            return refused(e);
        }
    }

    private static Response refused(RunJobs.Refused e) {
        return Response.status(e.status()).entity(Map.of("error", e.getMessage())).build();
    }
}
