package io.handoff.coordinator.scenarios.soak;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/**
 * One JVM's heap after a full collection, its threads and its open files, read through its platform MXBeans: over
 * JMX for a child process (attached to with the JDK's attach API, which starts its local management agent), in
 * place for the coordinator itself.
 */
final class JvmProbe implements AutoCloseable {

    /** What one reading found. */
    record Reading(long heapAfterGcBytes, int threads, long openFiles) {
    }

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;
    private final OperatingSystemMXBean os;

    private JvmProbe(JMXConnector connector, MemoryMXBean memory, ThreadMXBean threads, OperatingSystemMXBean os) {
        this.connector = connector;
        this.memory = memory;
        this.threads = threads;
        this.os = os;
    }

    /** This process. */
    static JvmProbe self() {
        return new JvmProbe(null, ManagementFactory.getMemoryMXBean(), ManagementFactory.getThreadMXBean(),
                ManagementFactory.getOperatingSystemMXBean());
    }

    /** Another JVM of this user on this machine, by pid. */
    static JvmProbe attach(long pid) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to pid " + pid + ": " + e.getMessage(), e);
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            return new JvmProbe(connector,
                    ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                            MemoryMXBean.class),
                    ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                            ThreadMXBean.class),
                    ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
                            UnixOperatingSystemMXBean.class));
        } catch (IOException | RuntimeException e) {
            connector.close();
            throw e;
        }
    }

    /**
     * Collects garbage, then reads: what is left on the heap after a full collection is the live data, without
     * the garbage that comes and goes between collections, so that its trend is a leak's and nothing else's.
     */
    Reading read() {
        memory.gc();
        long heap = memory.getHeapMemoryUsage().getUsed();
        long files = os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
        return new Reading(heap, connector == null ? ownThreads() : threads.getThreadCount(), files);
    }

    /**
     * This process's threads, less those of the probes' JMX clients (a heartbeat per connection, and RMI's lease
     * renewers, which outlive a closed connection by minutes): the soak's instrument, not what it measures.
     */
    private int ownThreads() {
        int own = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && !info.getThreadName().startsWith("RMI ")
                    && !info.getThreadName().startsWith("JMX client")) {
                own++;
            }
        }
        return own;
    }

    @Override
    public void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException e) {
                // the process is gone: nothing to close
            }
        }
    }
}
