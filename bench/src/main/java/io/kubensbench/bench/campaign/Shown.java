package io.kubensbench.bench.campaign;

import io.kubensbench.bench.config.Durations;
import java.time.Duration;

/** A user's value as a message shows it: quoted and cut short, so the message stays one readable line. */
final class Shown {

    static final int MAX_SHOWN = 60;

    private Shown() {
    }

    /** {@code "many"}, or {@code nothing} for a missing value. */
    static String text(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.codePointCount(0, value.length()) <= MAX_SHOWN ? value
                : value.substring(0, value.offsetByCodePoints(0, MAX_SHOWN)) + "...";
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** As a campaign file writes it ({@code 20s}, {@code 1500ms}), without rounding a small value to 0s. */
    static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000 == 0) {
            return Durations.format(d);
        }
        return nanos % 1000 == 0 ? nanos / 1000 + "us" : nanos + "ns";
    }
}
