package io.kubensbench.bench.sampling.format;

import io.kubensbench.bench.sampling.SamplingLoop;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** One output format for a stream of samples; {@link #forName} picks one. */
public interface SampleWriter {

    List<String> NAMES = List.of("csv", "jsonl");

    void write(SamplingLoop.Step step) throws IOException;

    /** The writer for a format name, or an IllegalArgumentException naming the choices. */
    static SampleWriter forName(String name, Writer out) {
        return switch (name) {
            case "csv" -> new CsvSampleWriter(out);
            case "jsonl" -> new JsonlSampleWriter(out);
            default -> throw new IllegalArgumentException("--format must be one of " + NAMES + " (got '" + name + "')");
        };
    }
}
