package io.handoff.shared.runtime;

import io.handoff.shared.json.Json;
import io.handoff.shared.message.ControlCommand;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads records of the {@code control} topic and keeps the commands meant for this instance. A record that
 * is not a valid command is logged with its reason and counted, never thrown: one bad record must not stop
 * an instance from hearing the next good one.
 */
@ApplicationScoped
public class ControlInbox {

    private static final Logger LOG = Logger.getLogger(ControlInbox.class);

    private final InstanceConfig instance;
    private final Counter rejected;

    @Inject
    public ControlInbox(InstanceConfig instance, MeterRegistry registry) {
        this.instance = instance;
        this.rejected = Counter.builder(MetricNames.CONTROL_REJECTED)
                .description("Control records that were not valid commands").register(registry);
    }

    /** The command in this record, if it is valid and addressed to this instance's run and id. */
    public Optional<ControlCommand> read(byte[] value) {
        ControlCommand command;
        try {
            command = Json.read(value, ControlCommand.class);
        } catch (IOException e) {
            rejected.increment();
            LOG.warnf("rejected a control record: %s", e.getMessage().lines().findFirst().orElse("unreadable"));
            return Optional.empty();
        }
        if (!command.addresses(instance.runId(), instance.instanceId())) {
            return Optional.empty();
        }
        LOG.infof("control: %s", command.command());
        return Optional.of(command);
    }
}
