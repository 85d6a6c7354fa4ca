package io.kubensbench.bench.cluster;

import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Poll;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the probe prints on the selected nodes, one stream per node: the only view a cluster
 * campaign has of PID 1. Reads are made across all nodes at once, so a round takes one probe
 * interval however many nodes there are, and a node that stays silent is named.
 */
final class ProbeReadings implements AutoCloseable {

    /** How long kubelet and crio may take to show up in the probe's lines after a switch. */
    static final Duration IDENTITIES_WAIT = Duration.ofMinutes(2);

    private final NodeProbe probe;
    private final ProbeLogs logs;
    private final List<String> nodes;
    private final Duration interval;
    private final Duration readyTimeout;
    private final Map<String, ProbeStream> streams = new LinkedHashMap<>();

    ProbeReadings(NodeProbe probe, ProbeLogs logs, List<String> nodes, Duration interval, Duration readyTimeout) {
        this.probe = probe;
        this.logs = logs;
        this.nodes = List.copyOf(nodes);
        this.interval = interval;
        this.readyTimeout = readyTimeout;
    }

    /**
     * Waits until the probe is ready on every node and follows each node's log, after closing
     * any streams already open: after a reboot the probe pods are new, and so are their logs.
     */
    void open() throws IOException {
        close();
        Map<String, String> pods = probe.awaitReady(readyTimeout, nodes);
        for (String node : nodes) {
            String pod = pods.get(node);
            if (pod == null) {
                throw new IOException("the probe has no pod on node " + node + " (is it schedulable for DaemonSets?)");
            }
            streams.put(node, logs.open(probe, node, pod));
        }
    }

    /** Stops following every node's log. */
    @Override
    public void close() {
        streams.values().forEach(ProbeStream::close);
        streams.clear();
    }

    /**
     * A line from every node printed after this call began: one probe interval, then a wait
     * only for the nodes whose line has not come yet.
     */
    Map<String, ProbeLine> fresh() throws IOException {
        Map<String, Long> seen = new LinkedHashMap<>();
        streams.forEach((node, stream) -> seen.put(node, stream.latest() == null ? -1 : stream.latest().seq()));
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the probes");
        }
        Map<String, ProbeLine> lines = new LinkedHashMap<>();
        for (String node : nodes) {
            ProbeLine latest = streams.get(node).latest();
            lines.put(node, latest != null && latest.seq() != seen.get(node) ? latest : next(node));
        }
        return lines;
    }

    /**
     * Fresh lines once every node's probe has found kubelet and crio (or after
     * {@link #IDENTITIES_WAIT}): after a reboot or a restart they come up after the probe,
     * which looks for them again every few lines.
     */
    Map<String, ProbeLine> identified() throws IOException {
        try {
            return Poll.until(Deadline.after(IDENTITIES_WAIT), Duration.ZERO, this::fresh,
                    lines -> lines.values().stream().allMatch(l -> l.identities() != null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the probes");
        }
    }

    /** The node's next probe line; fails, naming the node and why, when none comes in three intervals and 10 s. */
    ProbeLine next(String node) throws IOException {
        return streams.get(node).awaitNext(interval.multipliedBy(3).plusSeconds(10));
    }

    /**
     * Per node, the mount events its probe counted in PID 1's table from the count {@code
     * from}'s line carries to the count {@code to}'s line carries (lines taken at two instants,
     * e.g. by {@link #fresh()}), with the node time between those counts; a node missing from
     * either map is left out. The counts are cumulative on the node, so spans that follow each
     * other add up exactly.
     */
    static Map<String, MountEventWindow.Count> eventsBetween(Map<String, ProbeLine> from, Map<String, ProbeLine> to) {
        Map<String, MountEventWindow.Count> events = new LinkedHashMap<>();
        to.forEach((node, line) -> {
            ProbeLine earlier = from.get(node);
            if (earlier != null && line != null) {
                events.put(node, line.eventsSince(earlier));
            }
        });
        return events;
    }

    /** Each node's probe lines as samples, one new line per sample. */
    Map<String, SampleSource> sources() {
        Map<String, SampleSource> sources = new LinkedHashMap<>();
        for (String node : nodes) {
            sources.put(node, new SampleSource() {
                @Override
                public Sample next() throws IOException {
                    return ProbeReadings.this.next(node).toSample(System.currentTimeMillis());
                }

                @Override
                public long ticksPerSecond() {
                    ProbeLine latest = streams.get(node).latest();
                    return latest == null ? 100 : latest.hz();
                }
            });
        }
        return sources;
    }
}
