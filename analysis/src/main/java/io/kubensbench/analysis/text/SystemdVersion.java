package io.kubensbench.analysis.text;

import io.kubensbench.analysis.results.Environment;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The systemd a campaign measured, as the verdicts name it, and the caveat its version calls
 * for: since v{@value #RATE_LIMIT_SINCE} systemd rate-limits its mount table processing, so
 * the same load costs an older systemd more, and a reader carrying a figure to another node
 * must know which side of that line it came from.
 */
public final class SystemdVersion {

    /** systemd rate-limits its mount table processing since this version. */
    public static final int RATE_LIMIT_SINCE = 248;

    private static final Pattern MAJOR = Pattern.compile("(\\d{3})");

    private SystemdVersion() {
    }

    /** As the environment recorded it ({@code systemd 252 (252.38-1~deb12u1)}), or {@code unknown}. */
    public static String of(Environment env) {
        return env == null || env.systemdVersion() == null ? "unknown" : env.systemdVersion();
    }

    public static OptionalInt major(Environment env) {
        if (env == null || env.systemdVersion() == null) {
            return OptionalInt.empty();
        }
        Matcher m = MAJOR.matcher(env.systemdVersion());
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The caveat on systemd's mount event rate limit, for the version measured. */
    public static String rateLimit(Environment env) {
        OptionalInt major = major(env);
        String version = "The version measured: " + of(env) + ". ";
        String limit = "Since v" + RATE_LIMIT_SINCE + " systemd rate-limits its processing of mount table changes "
                + "(a burst of 5 per 1 s, then it waits), so beyond that rate its CPU no longer grows with the "
                + "mount event rate; ";
        if (major.isEmpty()) {
            return limit + "the systemd version is unknown, so whether the limit applied is too. " + version;
        }
        return limit + (major.getAsInt() >= RATE_LIMIT_SINCE
                ? "it applied here, and an older systemd would spend more on the same load. "
                : "it did not apply here: a newer systemd would spend less on the same load. ") + version;
    }
}
