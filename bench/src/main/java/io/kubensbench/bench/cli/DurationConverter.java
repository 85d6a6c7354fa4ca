package io.kubensbench.bench.cli;

import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Lets options take {@code 500ms}, {@code 5s}, {@code 2m}; bad values become exit code 2. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
