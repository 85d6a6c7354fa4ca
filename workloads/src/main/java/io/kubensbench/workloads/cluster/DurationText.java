package io.kubensbench.workloads.cluster;

import java.time.Duration;

/** Durations in messages as a person writes them ({@code 10m}, {@code 1m30s}, {@code 500ms}). */
final class DurationText {

    private DurationText() {
    }

    static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
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
}
