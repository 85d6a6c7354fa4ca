package io.kubensbench.workloads.time;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as performance engineers write them: {@code 500ms}, {@code 20s}, {@code 2m},
 * {@code 1m30s}. A bare number is refused: "5" could mean seconds or milliseconds, and a
 * campaign that guesses wrong wastes hours.
 *
 * <p>Printed in one of two forms, for two different needs. {@link #exact} is what the user
 * wrote or could write, read back by {@link #parse} to the same duration: a setting echoed
 * or named in an error message must be one the user can copy into a campaign file or an
 * option. {@link #rough} is for estimates and progress, rounded to the second and without
 * seconds past an hour, since a person reading "about 1h02m left" wants the order of
 * magnitude, not the nanoseconds.
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

    /**
     * The duration exactly, in the form {@link #parse} reads back: whole seconds as hours,
     * minutes and seconds ({@code 1m30s}, {@code 2h}, {@code 0s}), anything finer in the
     * largest unit that holds it whole ({@code 500ms}, {@code 1500ms}, {@code 250us}).
     */
    public static String exact(Duration d) {
        if (d.isNegative()) {
            return "-" + exact(d.negated());
        }
        long nanos = d.getNano();
        if (nanos != 0) {
            return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + "ms"
                    : d.toNanos() % 1000 == 0 ? d.toNanos() / 1000 + "us" : d.toNanos() + "ns";
        }
        long seconds = d.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    /**
     * The duration to the second, as a person reads an estimate or a wait: {@code 45s},
     * {@code 2m14s}, {@code 1h05m} (past an hour the seconds are dropped). Not for settings:
     * it does not read back to the same duration.
     */
    public static String rough(Duration d) {
        long s = Math.max(0, d.plusMillis(500).toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
