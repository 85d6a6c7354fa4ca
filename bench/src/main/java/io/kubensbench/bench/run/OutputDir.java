package io.kubensbench.bench.run;

import io.kubensbench.analysis.results.ResultsDir;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks where a campaign's results go before any target starts: a lab node takes seconds
 * and a cluster minutes to set up, and finding only afterwards that the directory cannot be
 * written, or already holds another campaign, wastes that and leaves a half-made directory.
 */
public final class OutputDir {

    private OutputDir() {
    }

    /**
     * Refuses, with a one-line reason, a directory that already holds a campaign or cannot be
     * created and written; creates it (empty) otherwise.
     */
    public static void checkNew(Path dir) {
        if (Files.exists(dir.resolve(ResultsDir.CAMPAIGN))) {
            throw new IllegalArgumentException(dir + " already holds a campaign: use --resume " + dir
                    + " to finish it, or --out with a new directory");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory; give --out a directory to create");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(dir + ": cannot create the results directory (" + why(e) + ")");
        }
        checkWritable(dir);
    }

    /** Refuses, with a one-line reason, a results directory to resume that cannot be appended to. */
    public static void checkResumable(Path dir) {
        new ResultsDir(dir).requireExisting();
        checkWritable(dir);
    }

    private static void checkWritable(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".kubens-bench-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(dir + ": cannot write results there (" + why(e) + ")");
        }
    }

    private static String why(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
