package io.handoff.coordinator.live;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/** Where this coordinator's HTTP server listens: the live page's address, once Quarkus has bound it. */
public final class LiveAddress {

    private LiveAddress() {
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
