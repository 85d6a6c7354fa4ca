package io.kubensbench.bench.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as performance engineers write them: {@code 500ms}, {@code 20s}, {@code 2m},
 * {@code 1m30s}. A bare number is refused: "5" could mean seconds or milliseconds, and a
 * campaign that guesses wrong wastes hours.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

    private Durations() {
    }

    /** Parses a duration; the message of the IllegalArgumentException says what is wrong. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration (write e.g. 500ms, 20s, 2m)");
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("duration '" + s + "' has no unit (write e.g. " + s + "s or " + s + "ms)");
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        double nanos = 0;
        while (m.find() && m.start() == at) {
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            at = m.end();
        }
        if (at != s.length()) {
            throw new IllegalArgumentException("not a duration: '" + s + "' (write e.g. 500ms, 20s, 1m30s)");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }

    /** Formats a duration the way {@link #parse} reads it. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
