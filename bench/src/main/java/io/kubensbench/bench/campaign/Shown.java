package io.kubensbench.bench.campaign;

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
}
