package io.kubensbench.bench.lab;

import io.kubensbench.bench.campaign.Encapsulation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an unprivileged process in systemd's mount namespace (the node's host namespace) read
 * of the pods' secret and projected volume mounts. The product documentation says
 * encapsulation keeps Kubernetes-specific mount points safe from inspection by unprivileged
 * users: off, such a user finds every one of them in its own mount table; on, none. The
 * reader reports its own credentials and namespace in the same run, so a reading by root,
 * or from another namespace, cannot pass for one.
 *
 * @param uids       the reader's real, effective, saved and file-system uids ({@code Uid:} of
 *                   its {@code /proc/self/status})
 * @param capEff     its effective capability set, in hex as {@code /proc/self/status} prints it
 * @param mntNs      its mount namespace ({@code readlink /proc/self/ns/mnt})
 * @param systemdNs  systemd's mount namespace, read from the host at the same time
 * @param mountsRead lines of its own {@code /proc/self/mountinfo}
 * @param planned    secret and projected volume mounts the kubelet stand-in made
 * @param visible    how many of those were mount points in what it read
 */
public record UnprivilegedView(List<Long> uids, String capEff, String mntNs, String systemdNs,
                               int mountsRead, int planned, int visible) {

    public UnprivilegedView {
        uids = List.copyOf(uids);
        Objects.requireNonNull(capEff, "capEff");
        Objects.requireNonNull(mntNs, "mntNs");
        Objects.requireNonNull(systemdNs, "systemdNs");
    }

    /** No uid 0 among the reader's uids and no effective capability: an ordinary user. */
    public boolean unprivileged() {
        return !uids.isEmpty() && !uids.contains(0L) && noCapabilities();
    }

    private boolean noCapabilities() {
        try {
            return new BigInteger(capEff, 16).signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public boolean inSystemdNamespace() {
        return mntNs.equals(systemdNs);
    }

    /** Off, every secret and projected volume mount; on, none. */
    public long expectedVisible(Encapsulation arm) {
        return arm == Encapsulation.ON ? 0 : planned;
    }

    /** Every reason this reading does not show what the documentation says for the arm. */
    public List<String> failures(Encapsulation arm) {
        List<String> f = new ArrayList<>();
        if (!unprivileged()) {
            f.add("the reader was not an unprivileged user (uids " + uids + ", CapEff " + capEff + ")");
        }
        if (!inSystemdNamespace()) {
            f.add("the reader ran in " + mntNs + ", not in systemd's " + systemdNs);
        }
        if (mountsRead == 0) {
            f.add("the reader read an empty mount table");
        }
        if (planned == 0) {
            f.add("the pods had no secret or projected volume to look for");
        }
        if (visible != expectedVisible(arm)) {
            f.add("an unprivileged user sees " + visible + " of " + planned
                    + " secret/projected volume mounts (expected " + expectedVisible(arm) + ")");
        }
        return f;
    }

    public boolean matches(Encapsulation arm) {
        return failures(arm).isEmpty();
    }
}
