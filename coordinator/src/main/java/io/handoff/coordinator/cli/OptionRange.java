package io.handoff.coordinator.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.Optional;

/** The accepted whole numbers of one option; the error for a value outside them names both. */
public record OptionRange(String option, long min, long max) {

    public static final OptionRange PRODUCERS = new OptionRange("--producers", 1, 32);
    public static final OptionRange CONSUMERS = new OptionRange("--consumers", 1, 32);
    static final OptionRange ITEMS = new OptionRange("--items", 0, 1_000_000_000);
    static final OptionRange RATE = new OptionRange("--rate", 0, 1_000_000);
    static final OptionRange CONSUMER_DELAY = new OptionRange("--consumer-delay-ms", 0, 10_000);
    static final OptionRange CREDIT_WINDOW = new OptionRange("--credit-window", 0, 10_000_000);
    static final OptionRange KILLS = new OptionRange("--kills", 1, 100);
    static final OptionRange KILL_AFTER = new OptionRange("--kill-consumer-after-ms", 1, 3_600_000);
    static final OptionRange WORKER_CRASH_EVERY = new OptionRange("--worker-crash-every", 0, 1_000_000_000);
    public static final OptionRange PARTITIONS = new OptionRange("--partitions", 1, 1_000);
    static final OptionRange PAYLOAD_BYTES = new OptionRange("--payload-bytes", 0, 900_000);
    static final OptionRange MALFORMED = new OptionRange("--malformed", 0, 100_000);
    static final OptionRange WORKERS = new OptionRange("--workers", 1, 256);
    static final OptionRange GENERATORS = new OptionRange("--generators", 1, 64);
    static final OptionRange ACCOUNTS = new OptionRange("--accounts", 2, 10_000_000);
    static final OptionRange HOT_ACCOUNTS = new OptionRange("--hot-accounts", 0, 1_000);
    public static final OptionRange RECORDS = new OptionRange("--records", 1_000, 100_000_000);
    /** bench-kafka's sizes: ProducerPerformance refuses a record size of 0. */
    public static final OptionRange BENCH_PAYLOAD_BYTES = new OptionRange("--payload-bytes", 1, 900_000);

    static final List<OptionRange> ALL = List.of(PRODUCERS, CONSUMERS, ITEMS, PARTITIONS, PAYLOAD_BYTES, MALFORMED,
            WORKERS, GENERATORS, ACCOUNTS, HOT_ACCOUNTS, RATE, CONSUMER_DELAY, CREDIT_WINDOW, KILLS, KILL_AFTER,
            WORKER_CRASH_EVERY, RECORDS);

    public String accepted() {
        return "a whole number from " + min + " to " + max;
    }

    public void check(CommandLine commandLine, long value) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(commandLine,
                    option + " must be " + accepted() + ", got " + value);
        }
    }

    static Optional<OptionRange> of(String option) {
        return ALL.stream().filter(range -> range.option.equals(option)).findFirst();
    }
}
