package io.kubensbench.bench.cluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code key=value} tokens of one probe line, and how their values read: every error
 * names the token as the probe printed it, so a garbled line can be found in the pod's log.
 */
final class ProbeTokens {

    private final Map<String, String> tokens = new HashMap<>();

    /** The tokens of {@code text} after its first {@code skip} words (the line's prefix). */
    ProbeTokens(String text, int skip) {
        String[] parts = text.split(" +");
        for (int i = skip; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("probe line token '" + parts[i] + "' is not key=value");
            }
            if (tokens.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("probe line repeats token " + parts[i].substring(0, eq) + "=");
            }
        }
    }

    boolean has(String key) {
        return tokens.containsKey(key);
    }

    /** The raw value. */
    String value(String key) {
        return tokens.get(key);
    }

    /** The value as text, null for {@code -}. */
    String text(String key) {
        return text(tokens.get(key), true);
    }

    static String text(String value, boolean dashIsNull) {
        return dashIsNull && value.equals("-") ? null : value;
    }

    /** The value split at commas into exactly {@code count} fields; {@code -} alone stands for all unknown. */
    String[] fields(String key, int count) {
        String value = tokens.get(key);
        if (value.equals("-")) {
            String[] unknown = new String[count];
            Arrays.fill(unknown, "-");
            return unknown;
        }
        String[] f = value.split(",", -1);
        if (f.length != count) {
            throw new IllegalArgumentException("probe token " + key + "=" + value + " must have " + count
                    + " comma-separated values");
        }
        return f;
    }

    /** The whole value as a non-negative decimal; -1 for {@code -} when it may be unknown. */
    long number(String key, boolean mayBeUnknown) {
        return number(key, tokens.get(key), mayBeUnknown);
    }

    /** Part of {@code key}'s value as a non-negative decimal; -1 for {@code -} when it may be unknown. */
    long number(String key, String value, boolean mayBeUnknown) {
        if (mayBeUnknown && value.equals("-")) {
            return -1;
        }
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("probe token " + key + "=" + tokens.get(key)
                    + " holds '" + value + "' where a non-negative integer belongs");
        }
        return Long.parseLong(value);
    }

    /** {@code 12345.67} (seconds of {@code /proc/uptime}, at most 9 decimals) in ns. */
    long seconds(String key, String value) {
        int dot = value.indexOf('.');
        String whole = dot < 0 ? value : value.substring(0, dot);
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        if (fraction.length() > 9 || (dot >= 0 && fraction.isEmpty())) {
            throw new IllegalArgumentException("probe token " + key + "=" + tokens.get(key)
                    + " is not seconds with up to 9 decimals");
        }
        long seconds = number(key, whole, false);
        long ns = fraction.isEmpty() ? 0 : number(key, fraction, false);
        for (int i = fraction.length(); i < 9; i++) {
            ns *= 10;
        }
        return Math.multiplyExact(seconds, 1_000_000_000L) + ns;
    }
}
