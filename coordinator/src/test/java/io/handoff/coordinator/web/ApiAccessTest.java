package io.handoff.coordinator.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may change a run over HTTP: the token, the Host and the Origin, each refused on its own. */
class ApiAccessTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final ApiAccess ACCESS = new ApiAccess(TOKEN, false, Set.of("coordinator"));
    private static final String BEARER = "Bearer " + TOKEN;

    @Test
    void aStateChangingCallNeedsTheTokenAndReadsDoNot() {
        assertThat(ACCESS.check(new ApiAccess.Request("GET", "evil.example", "https://evil.example", "cross-site", null)))
                .as("reads are open: probes and Prometheus send no token").isEmpty();
        assertThat(ACCESS.check(post("127.0.0.1:8080", null, null, BEARER))).isEmpty();
        assertThat(ACCESS.check(post("localhost:8080", "http://localhost:8080", "same-origin", BEARER)))
                .as("the page itself").isEmpty();
        assertThat(ACCESS.check(post("coordinator:8080", null, null, "bearer  " + TOKEN + " "))).isEmpty();

        assertThat(reason(post("127.0.0.1:8080", null, null, null))).isEqualTo(ApiAccess.Refusal.NO_TOKEN);
        assertThat(reason(post("127.0.0.1:8080", null, null, "Basic dXNlcjpwYXNz"))).isEqualTo(ApiAccess.Refusal.NO_TOKEN);
        assertThat(reason(post("127.0.0.1:8080", null, null, "Bearer " + TOKEN.substring(1))))
                .isEqualTo(ApiAccess.Refusal.WRONG_TOKEN);
        assertThat(reason(new ApiAccess.Request("DELETE", "127.0.0.1", null, null, "Bearer nope")))
                .isEqualTo(ApiAccess.Refusal.WRONG_TOKEN);
        assertThat(ACCESS.check(post("127.0.0.1:8080", null, null, null)).orElseThrow().message())
                .contains("Authorization: Bearer TOKEN").contains(ApiAccess.ENV);
        assertThat(ApiAccess.Refusal.NO_TOKEN.status()).isEqualTo(401);
        assertThat(ApiAccess.Refusal.ORIGIN.status()).isEqualTo(403);
    }

    @Test
    void anotherOriginOrAnUnknownHostIsRefusedEvenWithTheToken() {
        assertThat(reason(post("127.0.0.1:8080", "https://evil.example", null, BEARER))).isEqualTo(ApiAccess.Refusal.ORIGIN);
        assertThat(reason(post("127.0.0.1:8080", "http://127.0.0.1:9999", null, BEARER)))
                .as("another port is another origin").isEqualTo(ApiAccess.Refusal.ORIGIN);
        assertThat(reason(post("127.0.0.1:8080", "null", null, BEARER))).as("a sandboxed page").isEqualTo(ApiAccess.Refusal.ORIGIN);
        assertThat(reason(post("127.0.0.1:8080", null, "cross-site", BEARER))).isEqualTo(ApiAccess.Refusal.ORIGIN);
        assertThat(reason(post("evil.example:8080", null, null, BEARER))).as("a DNS-rebound name")
                .isEqualTo(ApiAccess.Refusal.HOST);
        assertThat(reason(post(null, null, null, BEARER))).isEqualTo(ApiAccess.Refusal.HOST);
        assertThat(reason(post("127.0.0.1.evil.example", null, null, BEARER))).isEqualTo(ApiAccess.Refusal.HOST);
        assertThat(ACCESS.check(post("[::1]:8080", "http://[::1]:8080", null, BEARER))).isEmpty();
        assertThat(ACCESS.check(post("localhost", "http://localhost:80", null, BEARER))).as("the default port").isEmpty();
    }

    @Test
    void theTokenComesFromTheEnvironmentOrAFileOrIsMadeAndOnlyThenPutInThePagesAddress(@TempDir Path dir)
            throws Exception {
        ApiAccess made = ApiAccess.fromEnvironment(Map.of());
        assertThat(made.generated()).isTrue();
        assertThat(made.pageUrl("http://127.0.0.1:8080/")).matches("http://127\\.0\\.0\\.1:8080/#token=[0-9a-f]{64}");
        assertThat(ApiAccess.fromEnvironment(Map.of()).pageUrl("")).as("one per start").isNotEqualTo(made.pageUrl(""));

        Path file = Files.writeString(dir.resolve("api.token"), TOKEN + "\n");
        ApiAccess configured = ApiAccess.fromEnvironment(Map.of(ApiAccess.FILE_ENV, file.toString(),
                ApiAccess.HOSTS_ENV, " Coordinator , coordinator.handoff.svc,"));
        assertThat(configured.generated()).isFalse();
        assertThat(configured.check(post("coordinator.handoff.svc:8080", null, null, BEARER))).isEmpty();
        assertThat(configured.hosts()).contains("coordinator", "localhost", "127.0.0.1", "[::1]");
        assertThatThrownBy(() -> ApiAccess.fromEnvironment(Map.of(ApiAccess.ENV, "short")))
                .hasMessageContaining("HANDOFF_API_TOKEN has 5 characters").hasMessageNotContaining("short");
    }

    private static ApiAccess.Request post(String host, String origin, String fetchSite, String authorization) {
        return new ApiAccess.Request("POST", host, origin, fetchSite, authorization);
    }

    private static ApiAccess.Refusal reason(ApiAccess.Request request) {
        Optional<ApiAccess.Refused> refused = ACCESS.check(request);
        assertThat(refused).as("%s", request).isPresent();
        return refused.get().reason();
    }
}
