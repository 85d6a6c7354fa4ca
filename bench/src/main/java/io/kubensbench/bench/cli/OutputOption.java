package io.kubensbench.bench.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code -o text|json}, one option for every command that prints a result, so scripts ask
 * each the same way. With json, stdout carries exactly one JSON document, starting with
 * {@code schemaVersion} and {@code kind}; progress and warnings go to stderr.
 */
final class OutputOption {

    /** The formats, the default first. */
    enum Format {
        TEXT, JSON;

        static final List<String> NAMES = Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    }

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text", converter = Converter.class,
            description = "text (default) or json: one JSON document on stdout, schemaVersion and kind first.")
    Format format = Format.TEXT;

    boolean json() {
        return format == Format.JSON;
    }

    /** Unknown names end as a one-line error, exit 2, listing the valid ones. */
    static final class Converter implements CommandLine.ITypeConverter<Format> {

        @Override
        public Format convert(String value) {
            int i = Format.NAMES.indexOf(value.toLowerCase(Locale.ROOT));
            if (i < 0) {
                throw new CommandLine.TypeConversionException("write one of " + String.join(", ", Format.NAMES)
                        + " (got '" + value + "')");
            }
            return Format.values()[i];
        }
    }
}
