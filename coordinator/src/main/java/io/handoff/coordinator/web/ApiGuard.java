package io.handoff.coordinator.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Puts every REST call through {@link ApiAccess} before it reaches a resource, and counts what it refuses. */
@ApplicationScoped
public class ApiGuard {

    private static final Logger LOG = Logger.getLogger(ApiGuard.class);

    private final ApiAccess access;
    private final Map<ApiAccess.Refusal, Counter> refused = new EnumMap<>(ApiAccess.Refusal.class);

    @Inject
    public ApiGuard(ApiAccess access, MeterRegistry registry) {
        this.access = access;
        for (ApiAccess.Refusal reason : ApiAccess.Refusal.values()) {
            refused.put(reason, Counter.builder("handoff.api.refused").tag("reason", reason.label())
                    .description("REST calls that change state, refused: no token, a wrong one, a foreign Host or Origin")
                    .register(registry));
        }
    }

    /** One per process, from the environment it was started with. */
    @Produces
    @Singleton
    static ApiAccess access() {
        return ApiAccess.fromEnvironment(System.getenv());
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> guard(ContainerRequestContext request) {
        // Over HTTP/2 (which Java's own client upgrades to) the host travels as :authority, not as a Host header.
        String host = request.getHeaderString(HttpHeaders.HOST);
        if (host == null) {
            host = request.getUriInfo().getRequestUri().getRawAuthority();
        }
        return access.check(new ApiAccess.Request(request.getMethod(), host,
                        request.getHeaderString("Origin"), request.getHeaderString("Sec-Fetch-Site"),
                        request.getHeaderString(HttpHeaders.AUTHORIZATION)))
                .map(refusal -> {
                    refused.get(refusal.reason()).increment();
                    LOG.warnf("refused %s %s: %s", request.getMethod(), request.getUriInfo().getPath(), refusal.message());
                    Response.ResponseBuilder answer = Response.status(refusal.reason().status())
                            .type(MediaType.APPLICATION_JSON).entity(Map.of("error", refusal.message()));
                    if (refusal.reason().status() == 401) {
                        answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"handoff\"");
                    }
                    return answer.build();
                });
    }
}
