package io.handoff.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Clock ticks per second, the unit of {@code /proc/PID/stat}'s CPU times: {@code getconf CLK_TCK}, else 100. */
final class ClockTicks {

    static final long PER_SECOND = ask();

    private ClockTicks() {
    }

    private static long ask() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // Linux has used 100 on every common architecture for decades
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
