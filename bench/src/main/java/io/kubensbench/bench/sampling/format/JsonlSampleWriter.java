package io.kubensbench.bench.sampling.format;

import io.kubensbench.bench.sampling.CpuInterval;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.SamplingLoop;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** One JSON object per sample, its processes nested: the form the results directory keeps. */
final class JsonlSampleWriter implements SampleWriter {

    private final Writer out;
    private final ObjectMapper json = JsonMapper.builder().build();

    JsonlSampleWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(SamplingLoop.Step step) throws IOException {
        var s = step.sample();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("seq", s.seq());
        o.put("monotonic_ns", s.monotonicNs());
        o.put("epoch_ms", s.epochMillis());
        o.put("machine_busy", Double.isNaN(step.machineBusy()) ? null : step.machineBusy());
        List<Map<String, Object>> ps = new ArrayList<>();
        for (ProcessReading r : s.processes()) {
            Map<String, Object> p = new LinkedHashMap<>();
            CpuInterval iv = step.intervals().get(r.role());
            p.put("role", r.role());
            p.put("pid", r.pid());
            if (r.present()) {
                p.put("comm", r.cpu().comm());
                p.put("boot_id", r.cpu().bootId());
                p.put("start_ticks", r.cpu().startTimeTicks());
                p.put("sched_ns", r.cpu().schedNs());
                p.put("stat_ticks", r.cpu().statTicks());
            }
            if (iv != null) {
                p.put("cores_sched", iv.schedCores());
                p.put("cores_stat", iv.statCores());
            }
            if (r.mounts() >= 0) {
                p.put("mounts", r.mounts());
            }
            if (r.mntNs() != null) {
                p.put("mnt_ns", r.mntNs());
            }
            if (r.error() != null) {
                p.put("error", r.error());
            }
            ps.add(p);
        }
        o.put("processes", ps);
        out.write(json.writeValueAsString(o));
        out.write('\n');
        out.flush();
    }
}
