package io.kubensbench.bench.observe;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.sampling.CpuAccumulator;
import io.kubensbench.bench.sampling.CpuTotals;
import io.kubensbench.bench.sampling.MachineCpu;
import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One node's part of one window: every probe line from the window's first to the first line
 * at or past its end. The last line is also the next window's first, so consecutive windows
 * share their edges and no CPU between them goes uncounted or is counted twice; CPU comes from
 * counter deltas over the node's own clock, as in a campaign's run.
 */
final class NodeWindow {

    /** How a window cut short by Ctrl-C is recorded: invalid, so it is kept but left out of the analysis. */
    static final String PARTIAL = "partial window";

    private final int index;
    private final int repetition;
    private final ArmSpec arm;
    private final String node;
    private final String attempt;
    private final NamespaceIdentities ids;
    private final Duration length;
    private final List<SampleRecord> samples = new ArrayList<>();
    private final Instant started = Instant.now();
    private CpuAccumulator cpu;
    private Sample first;
    private Sample last;
    private MachineCpu previousMachine;
    private long t0;
    private long clockOffset;
    private long lastAt;
    private String invalid;
    private boolean partial;

    /**
     * @param first the previous window's last line on this node, or null to start from the next line
     * @param ids   the node's namespaces when its arm was checked; null when it reported none
     */
    NodeWindow(int index, int repetition, ArmSpec arm, String node, String attempt, NamespaceIdentities ids,
            Duration length, Sample first) {
        this.index = index;
        this.repetition = repetition;
        this.arm = arm;
        this.node = node;
        this.attempt = attempt;
        this.ids = ids;
        this.length = length;
        this.first = first;
        if (ids == null) {
            invalid = "node " + node + " reported no namespace identities";
        } else if (!ids.matches(arm.state())) {
            invalid = "the namespaces do not show encapsulation " + arm.state().label() + " (systemd " + ids.systemd()
                    + ", kubelet " + ids.kubelet() + ", runtime " + ids.runtime() + ")";
        }
    }

    /**
     * Reads the node's lines until the harness's clock passes {@code endNanos}, or {@code stop}
     * says so; a window stopped before its end is partial. A node that stops answering makes
     * its window invalid, and the next window starts afresh.
     */
    void sample(SampleSource source, long endNanos, BooleanSupplier stop) {
        t0 = System.nanoTime();
        try {
            keep(first != null ? first : source.next(), source);
            while (System.nanoTime() < endNanos && !stop.getAsBoolean()) {
                keep(source.next(), source);
            }
            partial = stop.getAsBoolean() && lastAt < endNanos;
        } catch (IOException | RuntimeException e) {
            partial = stop.getAsBoolean();
            invalid("sampling failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            last = null;
        }
    }

    private void keep(Sample s, SampleSource source) {
        lastAt = System.nanoTime();
        if (cpu == null) {
            cpu = new CpuAccumulator(source.ticksPerSecond());
            first = s;
            clockOffset = lastAt - t0 - s.monotonicNs();
        }
        cpu.add(s);
        last = s;
        ProcessReading sd = s.process(Watched.SYSTEMD);
        ProcessReading kl = s.process(Watched.KUBELET);
        ProcessReading h = s.process(Watched.HARNESS);
        if (ids != null) {
            checkNamespace(sd, ids.systemd());
            checkNamespace(kl, ids.kubelet());
        }
        double busy = previousMachine == null || s.machine() == null ? Double.NaN
                : previousMachine.busyShareUntil(s.machine());
        previousMachine = s.machine();
        samples.add(new SampleRecord(index, attempt, s.seq(), s.monotonicNs() + clockOffset, "measure", sched(sd),
                sd != null && sd.present() ? sd.cpu().statTicks() : -1, sched(kl), sched(h), busy, mounts(sd),
                mounts(kl), sd == null ? null : sd.mntNs(), kl == null ? null : kl.mntNs(),
                s.errors()));
    }

    private void checkNamespace(ProcessReading r, String expected) {
        if (r != null && r.mntNs() != null && !r.mntNs().equals(expected)) {
            invalid("the mount namespace of " + r.role() + " changed during the window (" + expected + " -> "
                    + r.mntNs() + ")");
        }
    }

    private void invalid(String reason) {
        if (invalid == null) {
            invalid = reason;
        }
    }

    String node() {
        return node;
    }

    /** The window's first line on the node, or null when it read none. */
    Sample first() {
        return first;
    }

    /** The window's last line, the next window's first; null after a failure. */
    Sample last() {
        return last;
    }

    List<SampleRecord> samples() {
        return samples;
    }

    /**
     * The window's record. {@code events} are the node's mount events over it and the node time
     * they were counted over; -1 events ({@link RunRecord#NOT_COUNTED}) where the probe did not
     * count them.
     */
    RunRecord record(MountEventWindow.Count events) {
        CpuTotals sd = cpu == null ? null : cpu.totals().get(Watched.SYSTEMD);
        CpuTotals kl = cpu == null ? null : cpu.totals().get(Watched.KUBELET);
        CpuTotals h = cpu == null ? null : cpu.totals().get(Watched.HARNESS);
        String reason = invalid;
        if (partial) {
            Duration measured = Duration.ofNanos(sd == null ? 0 : sd.elapsedNs());
            reason = PARTIAL + ": stopped by the user after " + (measured.compareTo(Duration.ofSeconds(10)) < 0
                    ? Durations.exact(measured.truncatedTo(ChronoUnit.MILLIS)) : Durations.rough(measured)) + " of "
                    + Durations.exact(length);
        } else if (reason == null && sd != null && sd.resets() > 0) {
            reason = "systemd's counters reset during the window: " + sd.lastReset();
        } else if (reason == null && (sd == null || sd.elapsedNs() == 0)) {
            reason = "no valid systemd sample in the window";
        }
        return RunRecord.builder()
                .index(index)
                .attempt(attempt)
                .repetition(repetition)
                .level(CampaignRecord.EXTERNAL_LEVEL)
                .pods(0)
                .arm(arm.name())
                .encapsulation(arm.state().label())
                .node(node)
                .startedAt(started.toString())
                .endedAt(Instant.now().toString())
                .measureNs(sd == null ? 0 : sd.elapsedNs())
                .systemdSchedNs(sd == null ? 0 : sd.schedNs())
                .systemdStatTicks(sd == null ? 0 : sd.statTicks())
                .ticksPerSecond(sd == null ? 0 : sd.ticksPerSecond())
                .kubeletSchedNs(kl == null ? 0 : kl.schedNs())
                .harnessSchedNs(h == null ? 0 : h.schedNs())
                .mountEvents(events.events() < 0 ? RunRecord.NOT_COUNTED : events.events())
                .mountEventsNs(events.events() < 0 ? null : events.spanNs())
                .systemdMounts(lastMounts())
                .kubeletMounts(-1)
                .systemdMntNs(ids == null ? null : ids.systemd())
                .kubeletMntNs(ids == null ? null : ids.kubelet())
                .runtimeMntNs(ids == null ? null : ids.runtime())
                .samples(samples.size())
                .resets(sd == null ? 0 : sd.resets())
                .valid(reason == null)
                .invalidReason(reason)
                .build();
    }

    /** The mounts in systemd's view at the window's end, as the node's probe counted them; -1 if never. */
    private long lastMounts() {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).systemdMounts() >= 0) {
                return samples.get(i).systemdMounts();
            }
        }
        return -1;
    }

    private static long sched(ProcessReading r) {
        return r != null && r.present() ? r.cpu().schedNs() : -1;
    }

    private static long mounts(ProcessReading r) {
        return r == null ? -1 : r.mounts();
    }
}
