package io.handoff.coordinator.run;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids that sort by start time and stay unique on a shared cluster, e.g. {@code 20261121-204455-k3q7}. */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private RunIds() {
    }

    public static String next() {
        StringBuilder id = new StringBuilder(STAMP.format(LocalDateTime.now())).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 4; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** The consumer group of a run: its offsets are the durable record of what the run has finished. */
    public static String consumerGroup(String runId) {
        return "handoff-" + runId;
    }
}
