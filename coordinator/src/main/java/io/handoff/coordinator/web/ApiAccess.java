package io.handoff.coordinator.web;

import io.handoff.shared.auth.Secrets;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may change a run over HTTP: a request that changes state (every method but GET, HEAD and OPTIONS) must
 * carry the API token as {@code Authorization: Bearer TOKEN}, name an allowed host in {@code Host} (so that a
 * DNS-rebound name cannot reach the API), and come from no other origin than this server's own page (so that any
 * web page a user visits cannot press the buttons). The page carries the token in a header it sets itself, never
 * in a cookie, which a browser would attach to a forged request too.
 */
public final class ApiAccess {

    /** The token itself. */
    public static final String ENV = "HANDOFF_API_TOKEN";
    /** A file that holds it (compose's keys volume, a mounted Secret). */
    public static final String FILE_ENV = "HANDOFF_API_TOKEN_FILE";
    /** More host names the API answers to, comma-separated: a Service's name, an ingress host. */
    public static final String HOSTS_ENV = "HANDOFF_API_HOSTS";
    /** Host names always allowed: this machine, as a browser or curl names it. */
    public static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    /** Why a request was refused: the {@code reason} tag of the refusal counter. */
    public enum Refusal {
        NO_TOKEN(401), WRONG_TOKEN(401), HOST(403), ORIGIN(403);

        private final int status;

        Refusal(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A refused request: the reason and what to tell the caller. */
    public record Refused(Refusal reason, String message) {
    }

    /** The parts of a request the check reads; any may be null. */
    public record Request(String method, String host, String origin, String fetchSite, String authorization) {
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] token;
    private final boolean generated;
    private final Set<String> hosts;

    ApiAccess(String token, boolean generated, Set<String> extraHosts) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.generated = generated;
        Set<String> all = new TreeSet<>(LOOPBACK);
        extraHosts.forEach(host -> all.add(host.toLowerCase(Locale.ROOT)));
        this.hosts = Set.copyOf(all);
    }

    /** The token and hosts this environment configures; a fresh token when none is. */
    public static ApiAccess fromEnvironment(Map<String, String> env) {
        Optional<String> given = Secrets.fromEnvironment(env, ENV, FILE_ENV);
        Set<String> extra = new TreeSet<>();
        Arrays.stream(env.getOrDefault(HOSTS_ENV, "").split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .forEach(extra::add);
        return new ApiAccess(given.orElseGet(Secrets::generate), given.isEmpty(), extra);
    }

    /** Whether the token was made at this start (and so must be shown to the user) rather than configured. */
    public boolean generated() {
        return generated;
    }

    /**
     * The page's address with the token in its fragment: a browser never sends the fragment to a server, so the
     * token stays out of request lines and access logs; the page moves it to its tab's session storage.
     */
    public String pageUrl(String base) {
        return base + "#token=" + new String(token, StandardCharsets.UTF_8);
    }

    /** The host names allowed in {@code Host}, for the refusal message and the docs. */
    public Set<String> hosts() {
        return hosts;
    }

    /** Empty when the request may go on; otherwise why not. */
    public Optional<Refused> check(Request request) {
        if (request.method() != null && SAFE_METHODS.contains(request.method().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String host = hostName(request.host());
        if (host == null || !hosts.contains(host)) {
            return refuse(Refusal.HOST, "Host '" + request.host() + "' is not one this API answers to; allowed: "
                    + hosts + " (more with " + HOSTS_ENV + ")");
        }
        if ("cross-site".equals(request.fetchSite()) || (request.origin() != null && !sameOrigin(request.origin(),
                request.host()))) {
            return refuse(Refusal.ORIGIN, "a request from another origin (" + request.origin()
                    + ") may not change a run: only this server's own page may");
        }
        String authorization = request.authorization();
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(Refusal.NO_TOKEN, "this call changes a run and needs the API token: send "
                    + "'Authorization: Bearer TOKEN' (the coordinator prints the live page's address with it at start; "
                    + "compose keeps it in the coordinator's /keys/api.token; or set " + ENV + ")");
        }
        // Constant time: how long a wrong guess takes says nothing about how much of it was right.
        if (!MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8), token)) {
            return refuse(Refusal.WRONG_TOKEN, "the API token does not match");
        }
        return Optional.empty();
    }

    private static Optional<Refused> refuse(Refusal reason, String message) {
        return Optional.of(new Refused(reason, message));
    }

    /** The host name of a {@code Host} header, lower case, without the port; IPv6 keeps its brackets. */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? null : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean sameOrigin(String origin, String hostHeader) {
        try {
            URI uri = URI.create(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
            String host = hostHeader.strip().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && (authority.equals(host)
                    || authority.equals(withoutDefaultPort(host, scheme)) || withoutDefaultPort(authority, scheme)
                    .equals(withoutDefaultPort(host, scheme)));
        } catch (IllegalArgumentException e) {
            return false; // "null", or not a URL at all
        }
    }

    private static String withoutDefaultPort(String authority, String scheme) {
        String port = scheme.equals("https") ? ":443" : ":80";
        return authority.endsWith(port) ? authority.substring(0, authority.length() - port.length()) : authority;
    }
}
