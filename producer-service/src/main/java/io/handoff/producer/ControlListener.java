package io.handoff.producer;

import io.handoff.shared.runtime.ControlInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Acts on the coordinator's orders to producers: start, stop. */
@ApplicationScoped
public class ControlListener {

    private final ControlInbox inbox;
    private final ProductionRun run;

    @Inject
    public ControlListener(ControlInbox inbox, ProductionRun run) {
        this.inbox = inbox;
        this.run = run;
    }

    @Incoming("control")
    public void onControl(byte[] value) {
        inbox.read(value).ifPresent(command -> {
            switch (command.command()) {
                case START -> run.begin();
                case STOP -> run.stop();
            }
        });
    }
}
