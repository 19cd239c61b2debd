package io.handoff.coordinator.live;

import io.handoff.coordinator.web.ApiAccess;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/** Where this coordinator's HTTP server listens: the live page's address, once Quarkus has bound it. */
public final class LiveAddress {

    private LiveAddress() {
    }

    /**
     * The page's URL for the person who started this coordinator: with the API token in its fragment when the token
     * was made at this start, so that the page's buttons work; without it when the token was configured, as
     * whoever configured it has it (and a log is no place for it).
     */
    public static Optional<String> page() {
        ApiAccess access = CDI.current().select(ApiAccess.class).get();
        return url().map(base -> access.generated() ? access.pageUrl(base) : base + " (API token: " + ApiAccess.ENV
                + " or " + ApiAccess.FILE_ENV + ")");
    }

    /**
     * The page's URL. With {@code quarkus.http.port=0} Quarkus binds a free port and records the one it got
     * in the {@code quarkus.http.port} system property, which this reads first.
     */
    public static Optional<String> url() {
        String port = System.getProperty("quarkus.http.port");
        if (port == null || port.equals("0")) {
            port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", String.class).orElse("0");
        }
        if (port.equals("0")) {
            return Optional.empty();
        }
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
        return Optional.of("http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port + "/");
    }
}
