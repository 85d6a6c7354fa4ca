package io.kubensbench.bench.cluster;

import io.kubensbench.bench.sampling.MachineCpu;
import io.kubensbench.bench.sampling.ProcessCpu;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.bench.target.NamespaceIdentities;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the node probe ({@code probe.sh}, format {@code kbprobe v1}): what one node's
 * PID 1, kubelet and container runtime looked like at one instant, as the harness receives it
 * from the probe pod's log. A cluster run has no /proc of its own to read, so this line is the
 * cluster's equivalent of a local {@link Sample}, and {@link #toSample(long)} makes it one.
 *
 * <p>The grammar, space-separated after a fixed prefix, {@code -} for a value the probe
 * could not read:
 * <pre>
 * kbprobe v1 seq=N up=SECONDS hz=N boot=ID pid1=START,UTIME,STIME,SCHEDNS comm1=NAME mounts1=N
 *   ns1=LINK kubelet=PID,LINK kubeletcpu=START,UTIME,STIME,SCHEDNS runtime=PID,LINK
 *   [mntid=ID,ID,ID] cpu=BUSY,TOTAL self=TICKS probe=PID,START [systemd=VERSION]
 * </pre>
 * {@code probe=} (the probe shell's PID and start time) follows the documented tokens so that
 * a restarted probe is told apart from a probe whose counters went backwards. {@code mntid=}
 * holds the root mount ids of PID 1, kubelet and the runtime, which tell mount namespaces
 * apart where the links cannot be read (an unprivileged probe). Tokens of a later probe that
 * this parser does not know are ignored.
 *
 * @param uptimeNs   the node's {@code /proc/uptime} (CLOCK_BOOTTIME, 10 ms resolution) in ns
 * @param hz         the node's clock ticks per second, the unit of every tick count here
 * @param pid1       PID 1's counters, null when unreadable
 * @param comm1      PID 1's command name with spaces as {@code _}, null when unreadable
 * @param mounts1    lines of PID 1's mountinfo, -1 when unreadable
 * @param ns1        PID 1's mount namespace link, null when unreadable
 * @param kubeletPid -1 when the probe found no kubelet
 * @param kubeletNs  null when unknown or unreadable
 * @param kubeletCpu null when unknown or unreadable
 * @param runtimePid -1 when the probe found no container runtime
 * @param runtimeNs  null when unknown or unreadable
 * @param machine    the node's CPU ticks from /proc/stat, null when unreadable
 * @param selfTicks  utime + stime of the probe shell and its reaped children (sleep, wc,
 *                   readlink), -1 when unreadable
 * @param probePid   the probe shell's PID on the node (the probe runs with hostPID)
 * @param probeStartTicks the probe shell's start time, -1 when unreadable
 * @param systemdVersion  the version of the libsystemd-shared PID 1 has mapped, null when unreadable
 * @param mountIds   the root mount ids of PID 1, kubelet and the runtime; null when the line has none
 */
public record ProbeLine(long seq, long uptimeNs, long hz, String bootId, Counters pid1, String comm1,
                        long mounts1, String ns1, long kubeletPid, String kubeletNs, Counters kubeletCpu,
                        long runtimePid, String runtimeNs, MachineCpu machine, long selfTicks, long probePid,
                        long probeStartTicks, String systemdVersion, MountIds mountIds) {

    /** The prefix of every measurement line; start lines and anything else are not measurements. */
    public static final String PREFIX = "kbprobe v1 seq=";
    /** The role under which the probe's own cost is recorded, as the harness's is on the lab. */
    public static final String PROBE_ROLE = Watched.HARNESS;

    private static final List<String> REQUIRED = List.of("seq", "up", "hz", "boot", "pid1", "comm1",
            "mounts1", "ns1", "kubelet", "kubeletcpu", "runtime", "cpu", "self", "probe");

    /** How a mount identity read from mountinfo is written: {@code mountid:27}. */
    public static final String MOUNT_ID = "mountid:";

    /**
     * The id of the mount at {@code /} in the mountinfo of PID 1, kubelet and the runtime, each
     * as {@code mountid:N} or null when unknown. Mount ids are unique across a node's mount
     * namespaces, so equal ids mean a shared namespace: the comparison an unprivileged probe
     * can make, since reading a mountinfo needs no ptrace access.
     */
    public record MountIds(String systemd, String kubelet, String runtime) {
    }

    /**
     * A process's counters as the probe prints them.
     *
     * @param schedNs on-CPU ns from schedstat, -1 when the process has several threads
     *                (schedstat covers one thread, so the probe does not print it) or it was
     *                unreadable
     */
    public record Counters(long startTimeTicks, long utimeTicks, long stimeTicks, long schedNs) {

        /** utime + stime, in clock ticks. */
        public long statTicks() {
            return utimeTicks + stimeTicks;
        }
    }

    /**
     * Parses one log line. Returns null for lines that are not measurements (the probe's start
     * line, anything else in the log); fails with a message naming the bad token when a
     * measurement line is malformed.
     */
    public static ProbeLine parse(String line) {
        String text = line.strip();
        if (!text.startsWith(PREFIX)) {
            String[] head = text.split(" ", 3);
            if (head.length >= 2 && head[0].equals("kbprobe") && !head[1].equals("v1")) {
                throw new IllegalArgumentException("probe line of format " + head[1]
                        + "; this kubens-bench reads kbprobe v1");
            }
            return null;
        }
        Map<String, String> tokens = new HashMap<>();
        String[] parts = text.split(" +");
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("probe line token '" + parts[i] + "' is not key=value");
            }
            if (tokens.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("probe line repeats token " + parts[i].substring(0, eq) + "=");
            }
        }
        for (String key : REQUIRED) {
            if (!tokens.containsKey(key)) {
                throw new IllegalArgumentException("probe line lacks " + key + "=: "
                        + (text.length() > 80 ? text.substring(0, 80) + "..." : text));
            }
        }
        long seq = number(tokens, "seq", tokens.get("seq"), false);
        long hz = number(tokens, "hz", tokens.get("hz"), false);
        if (hz <= 0) {
            throw new IllegalArgumentException("probe token hz=" + hz + " must be positive");
        }
        String[] kubelet = fields(tokens, "kubelet", 2);
        String[] runtime = fields(tokens, "runtime", 2);
        String[] cpu = fields(tokens, "cpu", 2);
        String[] probe = fields(tokens, "probe", 2);
        long busy = number(tokens, "cpu", cpu[0], true);
        long total = number(tokens, "cpu", cpu[1], true);
        return new ProbeLine(seq, uptimeNs(tokens), hz, text(tokens.get("boot")), counters(tokens, "pid1"),
                text(tokens.get("comm1")), number(tokens, "mounts1", tokens.get("mounts1"), true),
                text(tokens.get("ns1")), number(tokens, "kubelet", kubelet[0], true), text(kubelet[1]),
                counters(tokens, "kubeletcpu"), number(tokens, "runtime", runtime[0], true), text(runtime[1]),
                busy < 0 || total < 0 ? null : new MachineCpu(busy, total),
                number(tokens, "self", tokens.get("self"), true), number(tokens, "probe", probe[0], false),
                number(tokens, "probe", probe[1], true), tokens.containsKey("systemd") ? text(tokens.get("systemd")) : null,
                mountIds(tokens));
    }

    private static MountIds mountIds(Map<String, String> tokens) {
        if (!tokens.containsKey("mntid")) {
            return null;
        }
        String[] ids = fields(tokens, "mntid", 3);
        String[] named = new String[3];
        for (int i = 0; i < 3; i++) {
            named[i] = number(tokens, "mntid", ids[i], true) < 0 ? null : MOUNT_ID + ids[i];
        }
        return new MountIds(named[0], named[1], named[2]);
    }

    private static String[] fields(Map<String, String> tokens, String key, int count) {
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

    private static Counters counters(Map<String, String> tokens, String key) {
        String[] f = fields(tokens, key, 4);
        if (f[0].equals("-") || f[1].equals("-") || f[2].equals("-")) {
            return null;
        }
        return new Counters(number(tokens, key, f[0], false), number(tokens, key, f[1], false),
                number(tokens, key, f[2], false), number(tokens, key, f[3], true));
    }

    /** A non-negative decimal; -1 for "-" when the token may be unknown. */
    private static long number(Map<String, String> tokens, String key, String value, boolean mayBeUnknown) {
        if (mayBeUnknown && value.equals("-")) {
            return -1;
        }
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("probe token " + key + "=" + tokens.get(key)
                    + " holds '" + value + "' where a non-negative integer belongs");
        }
        return Long.parseLong(value);
    }

    /** {@code up=12345.67} in ns; {@code /proc/uptime} has at most 9 decimals. */
    private static long uptimeNs(Map<String, String> tokens) {
        String value = tokens.get("up");
        int dot = value.indexOf('.');
        String whole = dot < 0 ? value : value.substring(0, dot);
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        if (fraction.length() > 9 || (dot >= 0 && fraction.isEmpty())) {
            throw new IllegalArgumentException("probe token up=" + value + " is not seconds with up to 9 decimals");
        }
        long seconds = number(tokens, "up", whole, false);
        long ns = fraction.isEmpty() ? 0 : number(tokens, "up", fraction, false);
        for (int i = fraction.length(); i < 9; i++) {
            ns *= 10;
        }
        return Math.multiplyExact(seconds, 1_000_000_000L) + ns;
    }

    private static String text(String value) {
        return value.equals("-") ? null : value;
    }

    /**
     * The line as a sample of the node, so the cluster feeds the same accumulators, writers
     * and charts as the lab. Its clock is the node's uptime: rates are computed from the time
     * between two lines on the node, not from when the harness happened to receive them,
     * so log buffering and network delay do not bend a rate; a reboot restarts that clock
     * together with the boot id, which the accumulators treat as a reset.
     *
     * <p>Roles: {@code systemd} (PID 1, with its mounts and namespace), {@code kubelet} (with
     * its namespace; mounts not counted) and {@code harness}, which on a cluster is the
     * probe itself, so the observer's cost on the node is on record. Where the probe printed
     * no schedstat figure (kubelet and the probe are multi-threaded or fork children) the
     * on-CPU ns are the stat ticks converted, with one tick's resolution.
     *
     * @param receivedEpochMillis when the harness received the line, for people only
     */
    public Sample toSample(long receivedEpochMillis) {
        List<ProcessReading> processes = new ArrayList<>(3);
        processes.add(pid1 == null
                ? new ProcessReading(Watched.SYSTEMD, 1, null, mounts1, systemdIdentity(), "the probe could not read PID 1's counters")
                : new ProcessReading(Watched.SYSTEMD, 1, systemdCpu(), mounts1, systemdIdentity(), null));
        if (kubeletPid < 0) {
            processes.add(new ProcessReading(Watched.KUBELET, -1, null, -1, null, "the probe found no kubelet process"));
        } else if (kubeletCpu == null) {
            processes.add(new ProcessReading(Watched.KUBELET, kubeletPid, null, -1, kubeletIdentity(),
                    "the probe could not read kubelet's counters (PID " + kubeletPid + ")"));
        } else {
            processes.add(new ProcessReading(Watched.KUBELET, kubeletPid, cpu(kubeletPid, Watched.KUBELET, kubeletCpu),
                    -1, kubeletIdentity(), null));
        }
        if (selfTicks < 0 || probeStartTicks < 0) {
            processes.add(new ProcessReading(PROBE_ROLE, probePid, null, -1, null,
                    "the probe could not read its own counters"));
        } else {
            processes.add(new ProcessReading(PROBE_ROLE, probePid, new ProcessCpu(probePid, "kbprobe", boot(),
                    probeStartTicks, selfTicks, ticksToNs(selfTicks)), -1, null, null));
        }
        return new Sample(seq, uptimeNs, receivedEpochMillis, machine, processes);
    }

    /** PID 1's counters as one process reading, or null when the probe could not read them. */
    public ProcessCpu systemdCpu() {
        return pid1 == null ? null : cpu(1, comm1 == null ? "" : comm1, pid1);
    }

    private ProcessCpu cpu(long pid, String comm, Counters c) {
        long sched = c.schedNs() >= 0 ? c.schedNs() : ticksToNs(c.statTicks());
        return new ProcessCpu(pid, comm, boot(), c.startTimeTicks(), c.statTicks(), sched);
    }

    private String boot() {
        return bootId == null ? "" : bootId;
    }

    private long ticksToNs(long ticks) {
        return Math.multiplyExact(ticks, 1_000_000_000L) / hz;
    }

    /**
     * Whether this line tells namespaces apart by their links, as the documented check does:
     * when the probe could read PID 1's link (a probe with ptrace read access). Otherwise it
     * does by root mount ids. One line never mixes the two, so equal means equal.
     */
    public boolean byLinks() {
        return ns1 != null || mountIds == null;
    }

    /** PID 1's mount namespace identity, as {@link #byLinks()} says; null when unknown. */
    public String systemdIdentity() {
        return byLinks() ? ns1 : mountIds.systemd();
    }

    /** kubelet's mount namespace identity, as {@link #byLinks()} says; null when unknown. */
    public String kubeletIdentity() {
        return byLinks() ? kubeletNs : mountIds.kubelet();
    }

    /** The runtime's mount namespace identity, as {@link #byLinks()} says; null when unknown. */
    public String runtimeIdentity() {
        return byLinks() ? runtimeNs : mountIds.runtime();
    }

    /**
     * The three namespaces compared, by links or by root mount ids ({@link #byLinks()}), or
     * null when any is unknown.
     */
    public NamespaceIdentities identities() {
        String s = systemdIdentity();
        String k = kubeletIdentity();
        String r = runtimeIdentity();
        return s == null || k == null || r == null ? null : new NamespaceIdentities(s, k, r);
    }
}
