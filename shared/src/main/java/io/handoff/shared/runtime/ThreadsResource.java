package io.handoff.shared.runtime;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code GET /threads}: this process's live threads, grouped by role, each with its state. */
@Path("/threads")
public class ThreadsResource {

    private final ThreadCensus census;

    @Inject
    public ThreadsResource(ThreadCensus census) {
        this.census = census;
    }

    /** The answer: how many threads, and which, per role. */
    public record ThreadsView(long pid, int total, Map<String, List<ThreadCensus.ThreadRow>> roles) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ThreadsView threads() {
        List<ThreadCensus.ThreadRow> rows = census.threads();
        return new ThreadsView(ProcessHandle.current().pid(), rows.size(),
                rows.stream().collect(Collectors.groupingBy(ThreadCensus.ThreadRow::role, TreeMap::new,
                        Collectors.toList())));
    }
}
