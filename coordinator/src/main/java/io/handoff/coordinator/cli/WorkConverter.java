package io.handoff.coordinator.cli;

import io.handoff.shared.message.Work;
import picocli.CommandLine;

/** Reads {@code --work none | cpu:ROUNDS | io:MICROS}. */
final class WorkConverter implements CommandLine.ITypeConverter<Work> {

    @Override
    public Work convert(String value) {
        try {
            return Work.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
