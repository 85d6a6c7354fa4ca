package io.kubensbench.bench.cluster;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every line a node's probe stream reads from its log, in the order it reads them, kept per
 * node: a log source passed through {@link #noting} hands the stream the same bytes, on the
 * stream's own thread, and notes each line as its last byte goes by.
 */
final class ReadLines {

    private final Map<String, List<String>> byNode = new ConcurrentHashMap<>();

    /** {@code source}, noting what is read from it as lines of {@code node}. */
    ProbeStream.Source noting(String node, ProbeStream.Source source) {
        List<String> lines = byNode.computeIfAbsent(node, n -> new ArrayList<>());
        return resume -> new Noting(source.open(resume), lines);
    }

    /** The lines read so far for {@code node}. */
    List<String> read(String node) {
        List<String> lines = byNode.getOrDefault(node, List.of());
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Passes bytes through, and adds each completed line to the list. */
    private static final class Noting extends FilterInputStream {
        private final List<String> lines;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Noting(InputStream in, List<String> lines) {
            super(in);
            this.lines = lines;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                note(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                note(b, off, n);
            }
            return n;
        }

        private void note(byte[] b, int off, int n) {
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    String line = partial.toString(StandardCharsets.UTF_8);
                    partial.reset();
                    synchronized (lines) {
                        lines.add(line);
                    }
                } else {
                    partial.write(b[i]);
                }
            }
        }
    }
}
