package io.handoff.coordinator.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal's progress bar draws the count against the total, the rate and the run's figures. */
class TerminalProgressTest {

    @Test
    void theBarShowsProcessedAgainstTheTotalWithTheRunsFigures() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (TerminalProgress bar = new TerminalProgress(out, 20_000)) {
            bar.update(5_000, " · lag 1,234 · paused 2");
        }

        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("processed", "5000/20000 items", "items/s", "lag 1,234 · paused 2");
    }

    @Test
    void aLinePrintedDuringTheBarClearsItsLineFirst() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Console console = new Console(out, out, false);

        try (TerminalProgress bar = new TerminalProgress(out, 0)) {
            console.lastLine(bar);
            console.say("isolation   kill -9: consumer-1");
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r\033[Kisolation   kill -9: consumer-1");
    }
}
