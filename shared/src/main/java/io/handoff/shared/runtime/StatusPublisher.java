package io.handoff.shared.runtime;

import io.handoff.shared.message.StatusEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.concurrent.CompletionStage;

/** Sends an instance's status events to the coordinator over the {@code status} topic. */
@ApplicationScoped
public class StatusPublisher {

    private final Emitter<StatusEvent> emitter;

    @Inject
    public StatusPublisher(@Channel("status") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            Emitter<StatusEvent> emitter) {
        this.emitter = emitter;
    }

    /** Publishes one event; the stage completes once Kafka has acknowledged it. */
    public CompletionStage<Void> publish(StatusEvent event) {
        return emitter.send(event);
    }
}
