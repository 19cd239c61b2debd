package io.handoff.shared.runtime;

import io.handoff.shared.json.Json;
import io.handoff.shared.message.control.Crash;
import io.handoff.shared.message.control.ControlCommand;
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
 * an instance from hearing the next good one. A {@link Crash} for this instance halts the process here.
 */
@ApplicationScoped
public class ControlInbox {

    private static final Logger LOG = Logger.getLogger(ControlInbox.class);
    /** The exit code of a process halted by a crash command: what a shell reports after kill -9. */
    public static final int CRASH_EXIT_CODE = 137;

    private final InstanceConfig instance;
    private final Counter rejected;
    /**
     * When this JVM started: commands that only make sense to a running process must be newer. The JVM's own
     * clock at its start, to the millisecond; the process start time the OS reports is only as exact as the
     * boot time it counts from (a second), and a crash meant for the previous incarnation then looked newer.
     */
    private final long startedAtMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

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
        if (command instanceof Crash) {
            if (command.atMs() < startedAtMs) {
                return Optional.empty(); // sent to an earlier incarnation; a restart reads the topic from the start
            }
            LOG.errorf("control: %s: halting now, as kill -9 would", command);
            Runtime.getRuntime().halt(CRASH_EXIT_CODE);
        }
        LOG.infof("control: %s", command);
        return Optional.of(command);
    }
}
