package io.handoff.coordinator.run;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal the JDK has no call for (SIGSTOP, SIGCONT) to a process of this machine, with {@code kill}.
 * {@link ProcessHandle} can only end a process; a stall is a process that is still there and does nothing.
 */
final class Signals {

    private Signals() {
    }

    /** Returns false when the process is already gone; throws when the signal could not be sent otherwise. */
    static boolean send(long pid, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + said.strip());
                }
                return false; // it ended by itself in the meantime
            }
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + " " + pid + ": " + e.getMessage(), e);
        }
    }
}
