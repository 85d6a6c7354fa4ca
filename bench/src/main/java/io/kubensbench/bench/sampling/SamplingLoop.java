package io.kubensbench.bench.sampling;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Samples at a fixed rate on the monotonic clock (deadlines at start + k x interval, so a
 * slow sample does not shift the rest) until the duration is over, the thread is
 * interrupted, or {@code stop} says so.
 */
public final class SamplingLoop {

    /** What one step hands its consumer: the sample and each role's interval since the last. */
    public record Step(Sample sample, Map<String, CpuInterval> intervals, double machineBusy) {
    }

    /** Receives each step; may throw to stop the loop. */
    public interface StepConsumer {
        void accept(Step step) throws Exception;
    }

    private final SampleSource sampler;
    private final Duration interval;

    public SamplingLoop(SampleSource sampler, Duration interval) {
        this.sampler = sampler;
        this.interval = interval;
    }

    /** Runs the loop; returns the accumulated totals. */
    public CpuAccumulator run(Duration duration, BooleanSupplier stop, StepConsumer consumer) throws Exception {
        CpuAccumulator acc = new CpuAccumulator(sampler.ticksPerSecond());
        long start = System.nanoTime();
        long step = interval.toNanos();
        long samples = duration.toNanos() / step;
        MachineCpu previousMachine = null;
        for (long k = 0; k <= samples && !stop.getAsBoolean(); k++) {
            long wait = start + k * step - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Sample s = sampler.next();
            double busy = previousMachine == null || s.machine() == null ? Double.NaN
                    : previousMachine.busyShareUntil(s.machine());
            previousMachine = s.machine();
            consumer.accept(new Step(s, acc.add(s), busy));
        }
        return acc;
    }
}
