package io.handoff.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.shared.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP for tests: a JSON endpoint, a POST to a REST API, or the Prometheus text of a management port. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** The body of a GET that must answer 200. */
    public static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A status and a JSON body. */
    public record Reply(int status, JsonNode body) {
    }

    /** POSTs a JSON body with no credentials; whatever the status, hands back the status and the JSON answer. */
    public static Reply post(URI uri, String json) throws IOException, InterruptedException {
        return post(uri, json, java.util.Map.of());
    }

    /** POSTs a JSON body with the API token, as {@code Authorization: Bearer}. */
    public static Reply post(URI uri, String json, String token) throws IOException, InterruptedException {
        return post(uri, json, java.util.Map.of("Authorization", "Bearer " + token));
    }

    /** POSTs a JSON body with these headers; whatever the status, hands back the status and the JSON answer. */
    public static Reply post(URI uri, String json, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Json.mapper().readTree(response.body()));
    }

    public static JsonNode json(URI uri) throws IOException, InterruptedException {
        return Json.mapper().readTree(get(uri));
    }

    /** The Prometheus scrape of a Quarkus test instance's management interface (test port 9001). */
    public static String metrics() throws IOException, InterruptedException {
        return get(URI.create("http://localhost:9001/q/metrics"));
    }

    private static final java.util.regex.Pattern COMMON_TAGS =
            java.util.regex.Pattern.compile("(?<![a-z_])(instance|role)=\"[^\"]*\",?");

    /**
     * The scrape, after checking that every Handoff meter carries the common tags {@code instance} and
     * {@code role} with the given values; returned without those two tags, so that assertions name only
     * what is particular to each meter.
     */
    public static String metricsTagged(String instance, String role) throws IOException, InterruptedException {
        String scrape = metrics();
        StringBuilder stripped = new StringBuilder();
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("handoff_") && !(line.contains("instance=\"" + instance + "\"")
                    && line.contains("role=\"" + role + "\""))) {
                throw new AssertionError("meter without instance=" + instance + " and role=" + role + ": " + line);
            }
            stripped.append(COMMON_TAGS.matcher(line).replaceAll("").replace(",}", "}").replace("{}", "")).append('\n');
        }
        return stripped.toString();
    }
}
