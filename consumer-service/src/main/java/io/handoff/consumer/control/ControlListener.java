package io.handoff.consumer.control;

import io.handoff.shared.runtime.ControlInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Acts on the coordinator's orders to consumers: stop. (Start is for producers.) */
@ApplicationScoped
public class ControlListener {

    private final ControlInbox inbox;
    private final StopSequence stop;

    @Inject
    public ControlListener(ControlInbox inbox, StopSequence stop) {
        this.inbox = inbox;
        this.stop = stop;
    }

    @Incoming("control")
    public void onControl(byte[] value) {
        inbox.read(value).ifPresent(command -> {
            switch (command.command()) {
                case STOP -> stop.start();
                case START -> {
                    // consumers run from the moment they start
                }
            }
        });
    }
}
