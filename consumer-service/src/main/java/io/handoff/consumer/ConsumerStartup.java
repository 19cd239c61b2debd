package io.handoff.consumer;

import io.handoff.shared.message.Role;
import io.handoff.shared.runtime.InstanceAnnouncer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Announces the consumer to the coordinator once the application has started. */
@ApplicationScoped
public class ConsumerStartup {

    private final InstanceAnnouncer announcer;

    @Inject
    public ConsumerStartup(InstanceAnnouncer announcer) {
        this.announcer = announcer;
    }

    void onStart(@Observes StartupEvent event) {
        announcer.announce(Role.CONSUMER);
    }
}
