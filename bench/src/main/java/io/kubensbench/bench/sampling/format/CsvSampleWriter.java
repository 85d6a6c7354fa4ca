package io.kubensbench.bench.sampling.format;

import io.kubensbench.bench.sampling.CpuInterval;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.SamplingLoop;
import java.io.IOException;
import java.io.Writer;

/**
 * One row per process per sample (long format), so a spreadsheet or pandas can pivot by
 * role; empty cells where a value was not read.
 */
final class CsvSampleWriter implements SampleWriter {

    static final String HEADER = "seq,monotonic_ns,epoch_ms,role,pid,comm,sched_ns,stat_ticks,"
            + "cores_sched,cores_stat,mounts,mnt_ns,machine_busy,error";

    private final Writer out;
    private boolean headerWritten;

    CsvSampleWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(SamplingLoop.Step step) throws IOException {
        if (!headerWritten) {
            out.write(HEADER + "\n");
            headerWritten = true;
        }
        var s = step.sample();
        for (ProcessReading r : s.processes()) {
            CpuInterval iv = step.intervals().get(r.role());
            StringBuilder b = new StringBuilder();
            b.append(s.seq()).append(',').append(s.monotonicNs()).append(',').append(s.epochMillis()).append(',')
                    .append(r.role()).append(',').append(r.pid()).append(',')
                    .append(r.present() ? quote(r.cpu().comm()) : "").append(',')
                    .append(r.present() ? Long.toString(r.cpu().schedNs()) : "").append(',')
                    .append(r.present() ? Long.toString(r.cpu().statTicks()) : "").append(',')
                    .append(iv == null ? "" : fmt(iv.schedCores())).append(',')
                    .append(iv == null ? "" : fmt(iv.statCores())).append(',')
                    .append(r.mounts() >= 0 ? Long.toString(r.mounts()) : "").append(',')
                    .append(r.mntNs() == null ? "" : r.mntNs()).append(',')
                    .append(Double.isNaN(step.machineBusy()) ? "" : fmt(step.machineBusy())).append(',')
                    .append(r.error() == null ? "" : quote(r.error())).append('\n');
            out.write(b.toString());
        }
        out.flush();
    }

    /** Six decimals without String.format, which is costly on a path that runs once a second. */
    static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** RFC 4180 quoting, for command names and messages that hold commas or quotes. */
    static String quote(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
