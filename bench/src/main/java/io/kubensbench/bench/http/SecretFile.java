package io.kubensbench.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A token or password kept in a file, as a user's server expects it: read whole and stripped,
 * refused in one line naming where it was asked for when missing, unreadable or empty. Secrets
 * come from files (or the environment) so they never stand on a command line others can read.
 */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * @param where what asked for it, as the error names it: {@code --es-token-file},
     *     {@code prometheus.bearerTokenFile}
     * @throws IllegalArgumentException one line, when the file is missing, unreadable or empty
     */
    public static String read(Path file, String where) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException(where + " " + file + ": is empty");
            }
            return s;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(where + " " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
