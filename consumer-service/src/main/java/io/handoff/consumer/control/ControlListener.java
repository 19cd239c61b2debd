package io.handoff.consumer.control;

import io.handoff.shared.json.Json;
import io.handoff.shared.message.ControlCommand;
import io.handoff.shared.runtime.InstanceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Reads the coordinator's orders. A record that is not a valid command is logged with its reason and
 * counted, never thrown: one bad record must not stop the instance from hearing the next good one.
 */
@ApplicationScoped
public class ControlListener {

    private static final Logger LOG = Logger.getLogger(ControlListener.class);

    private final InstanceConfig instance;
    private final StopSequence stop;
    private final Counter rejected;

    @Inject
    public ControlListener(InstanceConfig instance, StopSequence stop, MeterRegistry registry) {
        this.instance = instance;
        this.stop = stop;
        this.rejected = Counter.builder("handoff.control.rejected")
                .description("Control records that were not valid commands").register(registry);
    }

    @Incoming("control")
    public void onControl(byte[] value) {
        ControlCommand command;
        try {
            command = Json.read(value, ControlCommand.class);
        } catch (IOException e) {
            rejected.increment();
            LOG.warnf("rejected a control record: %s", e.getMessage().lines().findFirst().orElse("unreadable"));
            return;
        }
        if (!command.addresses(instance.runId(), instance.instanceId())) {
            return;
        }
        LOG.infof("control: %s", command.command());
        switch (command.command()) {
            case STOP -> stop.start();
        }
    }
}
