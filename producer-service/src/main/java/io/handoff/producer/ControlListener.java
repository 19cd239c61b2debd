package io.handoff.producer;

import io.handoff.shared.message.control.Crash;
import io.handoff.shared.message.control.Launch;
import io.handoff.shared.message.control.Terminate;
import io.handoff.shared.message.control.Mode;
import io.handoff.shared.message.control.Rate;
import io.handoff.shared.message.control.Start;
import io.handoff.shared.message.control.Stop;
import io.handoff.shared.runtime.ControlInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Acts on the coordinator's orders to producers: start, stop, rate. (The inbox itself acts on crash.) */
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
    public void onControl(ConsumerRecord<String, byte[]> record) {
        // The whole record: the seal that proves a command came from the coordinator is in a header.
        inbox.read(record.headers(), record.value()).ifPresent(command -> {
            switch (command) {
                case Start start -> run.begin();
                case Stop stop -> run.stop();
                case Rate rate -> run.setRate(rate.perSecond());
                case Mode mode -> {
                    // consumers' business
                }
                case Launch launch -> {
                    // agents' business
                }
                case Terminate terminate -> {
                    // agents' business
                }
                case Crash crash -> {
                    // handled by the inbox: the process is already gone
                }
            }
        });
    }
}
