package io.handoff.shared.runtime;

import io.handoff.shared.message.Hello;
import io.handoff.shared.message.Role;
import io.handoff.shared.process.ParentWatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Starts an instance's life in a run: ties it to its parent process, if it has one, and says hello
 * with its pid and host so the coordinator can list the processes of the run.
 */
@ApplicationScoped
public class InstanceAnnouncer {

    private static final Logger LOG = Logger.getLogger(InstanceAnnouncer.class);

    private final InstanceConfig instance;
    private final StatusPublisher status;

    @Inject
    public InstanceAnnouncer(InstanceConfig instance, StatusPublisher status) {
        this.instance = instance;
        this.status = status;
    }

    /** Call once the instance is ready to work. */
    public void announce(Role role) {
        ParentWatch.exitWhenParentEnds()
                .ifPresent(pid -> LOG.infof("exits when parent process %d ends", pid));
        long pid = ProcessHandle.current().pid();
        LOG.infof("%s %s of run %s ready (pid %d)", role, instance.instanceId(), instance.runId(), pid);
        status.publish(new Hello(instance.runId(), instance.instanceId(), role, pid, hostName(),
                System.currentTimeMillis()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
