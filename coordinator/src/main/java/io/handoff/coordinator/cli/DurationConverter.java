package io.handoff.coordinator.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way people write them: {@code 90s}, {@code 10m}, {@code 1h}, or plain seconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    static final String ACCEPTED = "a duration such as 90s, 10m or 1h (plain numbers are seconds)";
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not " + ACCEPTED);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
