package io.kubensbench.analysis.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a JSON Lines file of the results directory record by record. A line that does not
 * read is handed on as {@link Unreadable}, with its number and why, except a line a killed
 * run was writing, whose run a resume redoes: the last line of a file that does not end in a
 * newline, or a line that stops in the middle of a record (the writer ends such a line before
 * it appends after a resume, so it is no longer last). Garbage stops elsewhere and is named.
 */
final class JsonLines {

    /** Longer parse messages are cut here: they quote the line, which may be long garbage. */
    private static final int MAX_REASON = 200;

    private final ObjectMapper json;

    JsonLines(ObjectMapper json) {
        this.json = json;
    }

    <T> void read(Path file, Class<T> type, Consumer<T> records, Consumer<Unreadable> unreadable) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        boolean complete = endsWithNewline(file);
        Unreadable pending = null;
        // a decoder that replaces bytes that are not UTF-8: such a line fails to parse and is named
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (pending != null) {
                    unreadable.accept(pending);
                    pending = null;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    T record = json.readValue(line, type);
                    if (record == null) {
                        pending = new Unreadable(file.toString(), number, "null is not a record");
                    } else {
                        records.accept(record);
                    }
                } catch (UnexpectedEndOfInputException e) {
                    // cut short by a kill: skipped silently wherever it is
                    pending = null;
                } catch (JacksonException e) {
                    pending = new Unreadable(file.toString(), number, reason(e));
                }
            }
        }
        if (pending != null && complete) {
            unreadable.accept(pending);
        }
    }

    private static String reason(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String first = message.strip().lines().findFirst().orElse("").strip();
        return first.length() <= MAX_REASON ? first : first.substring(0, MAX_REASON) + " ...";
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }
}
