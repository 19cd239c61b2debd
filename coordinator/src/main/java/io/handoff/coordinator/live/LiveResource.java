package io.handoff.coordinator.live;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The live page's data: a server-sent event stream of snapshots, once a second, and the buttons' actions.
 * The page itself is {@code META-INF/resources/index.html}.
 */
@Path("/api/live")
public class LiveResource {

    @Inject
    LiveFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<LiveSnapshot> stream() {
        return Multi.createFrom().ticks().every(Duration.ofSeconds(1)).onOverflow().drop()
                .map(tick -> feed.latest());
    }

    @GET
    @Path("/now")
    @Produces(MediaType.APPLICATION_JSON)
    public LiveSnapshot now() {
        return feed.latest();
    }

    @GET
    @Path("/history")
    @Produces(MediaType.APPLICATION_JSON)
    public List<LiveSnapshot> history() {
        return feed.history();
    }

    @POST
    @Path("/{action}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response act(@PathParam("action") String action) {
        LiveFeed.Action chosen;
        try {
            chosen = LiveFeed.Action.valueOf(action.toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(Map.of("error", "unknown action '" + action + "'; accepted: "
                    + Arrays.stream(LiveFeed.Action.values()).map(a -> a.name().toLowerCase().replace('_', '-')).toList()))
                    .build();
        }
        if (feed.latest().state() != RunPhase.RUNNING) {
            return Response.status(409).entity(Map.of("error", "no run is going: " + feed.latest().state().label())).build();
        }
        if (!feed.request(chosen)) {
            return Response.status(429).entity(Map.of("error", LiveFeed.ACTIONS_QUEUED
                    + " actions are queued already; the run carries them out twice a second, ask again then")).build();
        }
        return Response.accepted(Map.of("queued", action)).build();
    }
}
