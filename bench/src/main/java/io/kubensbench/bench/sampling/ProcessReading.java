package io.kubensbench.bench.sampling;

/**
 * One watched process in one sample. A process that vanished has {@code cpu == null} and an
 * {@code error} saying so; the other processes of the sample are read as usual.
 *
 * @param mounts        mounts in its namespace, -1 when not counted in this sample
 * @param mntNs         its mount namespace identity, so every sample proves the arm
 */
public record ProcessReading(String role, long pid, ProcessCpu cpu, long mounts,
                             String mntNs, String error) {

    public boolean present() {
        return cpu != null;
    }
}
