package io.kubensbench.workloads.ids;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random ids for runs, attempts and lab nodes. Everything a campaign creates is found again
 * by these ids, also by a later process, so two campaigns must never draw the same one: eight
 * hex digits from a secure source. They are valid label values and DNS labels, and short
 * enough for every name derived from them.
 */
public final class Ids {

    private static final int BYTES = 4;

    private Ids() {
    }

    /** A fresh id: eight lowercase hex digits. */
    public static String random() {
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
