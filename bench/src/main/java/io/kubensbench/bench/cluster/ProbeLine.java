package io.kubensbench.bench.cluster;

import io.kubensbench.bench.sampling.MachineCpu;
import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.bench.sampling.MountTableCount;
import io.kubensbench.bench.sampling.ProcessCpu;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.bench.target.NamespaceIdentities;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the node probe ({@code probe.sh}, format {@code kbprobe v2}, and the
 * {@code kbprobe v1} of earlier probes): what one node's PID 1, kubelet and container runtime
 * looked like at one instant, as the harness receives it from the probe pod's log. A cluster
 * run has no /proc of its own to read, so this line is the cluster's equivalent of a local
 * {@link Sample}, and {@link #toSample(long)} makes it one.
 *
 * <p>The grammar, space-separated after a fixed prefix, {@code -} for a value the probe
 * could not read:
 * <pre>
 * kbprobe v2 seq=N up=SECONDS hz=N boot=ID pid1=START,UTIME,STIME,SCHEDNS comm1=NAME mounts1=N
 *   events1=N counted=SEQ,SECONDS ns1=LINK kubelet=PID,LINK kubeletcpu=START,UTIME,STIME,SCHEDNS
 *   runtime=PID,LINK [mntid=ID,ID,ID] cpu=BUSY,TOTAL self=TICKS probe=PID,START [systemd=VERSION]
 * </pre>
 * v2 counts PID 1's mount table only now and then (within a CPU budget), so {@code mounts1=}
 * is the last count, {@code counted=} the line and node uptime that made it, and
 * {@code events1=} the mount events (mountinfo lines that appeared plus those that
 * disappeared between counts) since the probe's first count. A v1 line has no
 * {@code events1=} or {@code counted=}: its {@code mounts1=} was counted on that very line.
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
 * @param mounts1    lines of PID 1's mountinfo at the last count, -1 when not counted
 * @param events1    mount events in PID 1's table from the probe's first count to its last,
 *                   -1 when the probe cannot count them (and on v1 lines)
 * @param countedSeq the seq of the line that made the last count, -1 before the first
 * @param countedUptimeNs the node's uptime at that line, -1 before the first count
 * @param ns1        PID 1's mount namespace link, null when unreadable
 * @param kubeletPid -1 when the probe found no kubelet
 * @param kubeletNs  null when unknown or unreadable
 * @param kubeletCpu null when unknown or unreadable
 * @param runtimePid -1 when the probe found no container runtime
 * @param runtimeNs  null when unknown or unreadable
 * @param machine    the node's CPU ticks from /proc/stat, null when unreadable
 * @param selfTicks  utime + stime of the probe shell and its reaped children (sleep, the
 *                   mount counting's tools, readlink), -1 when unreadable
 * @param probePid   the probe shell's PID on the node (the probe runs with hostPID)
 * @param probeStartTicks the probe shell's start time, -1 when unreadable
 * @param systemdVersion  the version of the libsystemd-shared PID 1 has mapped, null when unreadable
 * @param mountIds   the root mount ids of PID 1, kubelet and the runtime; null when the line has none
 */
public record ProbeLine(long seq, long uptimeNs, long hz, String bootId, Counters pid1, String comm1,
                        long mounts1, long events1, long countedSeq, long countedUptimeNs, String ns1,
                        long kubeletPid, String kubeletNs, Counters kubeletCpu, long runtimePid, String runtimeNs,
                        MachineCpu machine, long selfTicks, long probePid, long probeStartTicks,
                        String systemdVersion, MountIds mountIds) {

    /** The prefix of every measurement line this kubens-bench's probe prints. */
    public static final String PREFIX = "kbprobe v2 seq=";
    /** The prefix of a measurement line of the earlier probe format, still read. */
    public static final String V1_PREFIX = "kbprobe v1 seq=";
    /** The role under which the probe's own cost is recorded, as the harness's is on the lab. */
    public static final String PROBE_ROLE = Watched.HARNESS;

    private static final List<String> REQUIRED = List.of("seq", "up", "hz", "boot", "pid1", "comm1",
            "mounts1", "ns1", "kubelet", "kubeletcpu", "runtime", "cpu", "self", "probe");
    private static final List<String> REQUIRED_V2 = List.of("events1", "counted");

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

    /** Whether a log line is a measurement line of a format this parser reads. */
    public static boolean isMeasurement(String line) {
        String text = line.strip();
        return text.startsWith(PREFIX) || text.startsWith(V1_PREFIX);
    }

    /**
     * Parses one log line. Returns null for lines that are not measurements (the probe's start
     * line, anything else in the log); fails with a message naming the bad token when a
     * measurement line is malformed, or the line is of a probe format this parser does not read.
     */
    public static ProbeLine parse(String line) {
        String text = line.strip();
        boolean v1 = text.startsWith(V1_PREFIX);
        if (!v1 && !text.startsWith(PREFIX)) {
            String[] head = text.split(" ", 3);
            if (head.length >= 2 && head[0].equals("kbprobe") && !head[1].equals("v1") && !head[1].equals("v2")) {
                throw new IllegalArgumentException("probe line of format " + head[1]
                        + "; this kubens-bench reads kbprobe v1 and v2");
            }
            return null;
        }
        ProbeTokens t = new ProbeTokens(text, 2);
        for (String key : v1 ? REQUIRED : concat(REQUIRED, REQUIRED_V2)) {
            if (!t.has(key)) {
                throw new IllegalArgumentException("probe line lacks " + key + "=: "
                        + (text.length() > 80 ? text.substring(0, 80) + "..." : text));
            }
        }
        long seq = t.number("seq", false);
        long hz = t.number("hz", false);
        if (hz <= 0) {
            throw new IllegalArgumentException("probe token hz=" + hz + " must be positive");
        }
        long uptimeNs = t.seconds("up", t.value("up"));
        long mounts = t.number("mounts1", true);
        long events = v1 ? -1 : t.number("events1", true);
        long countedSeq = seq;
        long countedUptimeNs = uptimeNs;
        if (!v1) {
            String[] counted = t.fields("counted", 2);
            countedSeq = t.number("counted", counted[0], true);
            countedUptimeNs = counted[1].equals("-") ? -1 : t.seconds("counted", counted[1]);
            if (countedSeq > seq || (countedSeq < 0) != (countedUptimeNs < 0)) {
                throw new IllegalArgumentException("probe token counted=" + t.value("counted")
                        + " must name this line or an earlier one (seq=" + seq + ")");
            }
        }
        String[] kubelet = t.fields("kubelet", 2);
        String[] runtime = t.fields("runtime", 2);
        String[] cpu = t.fields("cpu", 2);
        String[] probe = t.fields("probe", 2);
        long busy = t.number("cpu", cpu[0], true);
        long total = t.number("cpu", cpu[1], true);
        return new ProbeLine(seq, uptimeNs, hz, t.text("boot"), counters(t, "pid1"), t.text("comm1"), mounts, events,
                countedSeq, countedUptimeNs, t.text("ns1"), t.number("kubelet", kubelet[0], true),
                ProbeTokens.text(kubelet[1], true), counters(t, "kubeletcpu"), t.number("runtime", runtime[0], true),
                ProbeTokens.text(runtime[1], true), busy < 0 || total < 0 ? null : new MachineCpu(busy, total),
                t.number("self", true), t.number("probe", probe[0], false), t.number("probe", probe[1], true),
                t.has("systemd") ? t.text("systemd") : null, mountIds(t));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static MountIds mountIds(ProbeTokens t) {
        if (!t.has("mntid")) {
            return null;
        }
        String[] ids = t.fields("mntid", 3);
        String[] named = new String[3];
        for (int i = 0; i < 3; i++) {
            named[i] = t.number("mntid", ids[i], true) < 0 ? null : MOUNT_ID + ids[i];
        }
        return new MountIds(named[0], named[1], named[2]);
    }

    private static Counters counters(ProbeTokens t, String key) {
        String[] f = t.fields(key, 4);
        if (f[0].equals("-") || f[1].equals("-") || f[2].equals("-")) {
            return null;
        }
        return new Counters(t.number(key, f[0], false), t.number(key, f[1], false), t.number(key, f[2], false),
                t.number(key, f[3], true));
    }

    /**
     * PID 1's mount table as last counted, or null before the probe's first count: the
     * mounts, the cumulative mount events and when they were counted, tagged with the probe
     * process and boot that counted them ({@link MountTableCount#eventsSince} compares only
     * counts of one counter).
     */
    public MountTableCount mountCount() {
        if (countedSeq < 0) {
            return null;
        }
        return new MountTableCount(boot() + "/" + probePid + "/" + probeStartTicks, countedSeq, countedUptimeNs,
                mounts1, events1);
    }

    /** Whether this line made a fresh count of PID 1's mount table (every v1 line did). */
    public boolean countedHere() {
        return countedSeq == seq;
    }

    /**
     * The mount events counted on the node from {@code earlier}'s last count to this line's,
     * and the node time between those counts: what an observer of the node reads over a span
     * of its own choosing. Events are -1 when they cannot be told (another probe process, a
     * reboot in between, or a probe that cannot count events).
     */
    public MountEventWindow.Count eventsSince(ProbeLine earlier) {
        MountEventWindow window = new MountEventWindow();
        window.add(earlier.mountCount());
        window.add(mountCount());
        return window.count();
    }

    /**
     * The line as a sample of the node, so the cluster feeds the same accumulators, writers
     * and charts as the lab. Its clock is the node's uptime: rates are computed from the time
     * between two lines on the node, not from when the harness happened to receive them,
     * so log buffering and network delay do not bend a rate; a reboot restarts that clock
     * together with the boot id, which the accumulators treat as a reset.
     *
     * <p>Roles: {@code systemd} (PID 1, with its namespace, and its mounts on a line that
     * counted them, -1 on the others, as a local sampler does between its counts), {@code
     * kubelet} (with its namespace; mounts not counted) and {@code harness}, which on a cluster
     * is the probe itself, so the observer's cost on the node is on record. The sample carries
     * the line's {@link #mountCount()}, from which a run's mount events are counted. Where the probe printed
     * no schedstat figure (kubelet and the probe are multi-threaded or fork children) the
     * on-CPU ns are the stat ticks converted, with one tick's resolution.
     *
     * @param receivedEpochMillis when the harness received the line, for people only
     */
    public Sample toSample(long receivedEpochMillis) {
        List<ProcessReading> processes = new ArrayList<>(3);
        long mounts = countedHere() ? mounts1 : -1;
        processes.add(pid1 == null
                ? new ProcessReading(Watched.SYSTEMD, 1, null, mounts, systemdIdentity(), "the probe could not read PID 1's counters")
                : new ProcessReading(Watched.SYSTEMD, 1, systemdCpu(), mounts, systemdIdentity(), null));
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
        return new Sample(seq, uptimeNs, receivedEpochMillis, machine, processes, mountCount());
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
