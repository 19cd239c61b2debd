package io.handoff.shared.runtime;

import io.handoff.shared.auth.ControlGate;
import io.handoff.shared.auth.ControlKey;
import io.handoff.shared.auth.Rejection;
import io.handoff.shared.message.control.Crash;
import io.handoff.shared.message.control.ControlCommand;
import io.handoff.shared.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import org.apache.kafka.common.header.Headers;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads records of the {@code control} topic and keeps the commands meant for this instance. A record that
 * is not a sealed, fresh, valid command ({@link ControlGate}) is logged with its reason and counted by reason,
 * never thrown: one bad record must not stop an instance from hearing the next good one, and a command from
 * anyone without the key changes nothing. A {@link Crash} for this instance halts the process here.
 */
@ApplicationScoped
public class ControlInbox {

    private static final Logger LOG = Logger.getLogger(ControlInbox.class);
    /** The exit code of a process halted by a crash command: what a shell reports after kill -9. */
    public static final int CRASH_EXIT_CODE = 137;

    private final InstanceConfig instance;
    private final ControlGate gate;
    private final RejectionLog rejections = new RejectionLog(LOG, "a control record");
    private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);
    /**
     * When this JVM started: commands that only make sense to a running process must be newer. The JVM's own
     * clock at its start, to the millisecond; the process start time the OS reports is only as exact as the
     * boot time it counts from (a second), and a crash meant for the previous incarnation then looked newer.
     */
    private final long startedAtMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

    @Inject
    public ControlInbox(InstanceConfig instance, MeterRegistry registry) {
        this.instance = instance;
        this.gate = new ControlGate(ControlKey.of(instance.controlKey()));
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason, Counter.builder(MetricNames.CONTROL_REJECTED).tag("reason", reason.label())
                    .description("Control records not obeyed: unsigned, forged, replayed, expired or unreadable")
                    .register(registry));
        }
    }

    /** Control records refused so far, by reason ({@code unsigned}, ...); only the reasons that occurred. */
    public Map<String, Long> refused() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        rejected.forEach((reason, counter) -> {
            if (counter.count() > 0) {
                counts.put(reason.label(), (long) counter.count());
            }
        });
        return counts;
    }

    /** The command in this record, if it is sealed, fresh, valid and addressed to this instance's run and id. */
    public Optional<ControlCommand> read(Headers headers, byte[] value) {
        ControlCommand command;
        switch (gate.check(headers, value, c -> c.addresses(instance.runId(), instance.instanceId()))) {
            case ControlGate.Outcome.Refuse refuse -> {
                rejected.get(refuse.reason()).increment();
                rejections.rejected("(" + refuse.reason().label() + ") " + refuse.why());
                return Optional.empty();
            }
            case ControlGate.Outcome.Ignore ignore -> {
                return Optional.empty(); // another run's, or another instance's
            }
            case ControlGate.Outcome.Obey obey -> command = obey.command();
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
