package io.kubensbench.bench.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler against a /proc tree written by the test, so every field is known. */
class ProcfsSamplerTest {

    @Test
    void readsASingleThreadedProcessFromStatAndSchedstat(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("77"));
        Files.writeString(proc.resolve("77/stat"), "77 (systemd) S 0 1 1 0 -1 4194560 1 0 0 0 40 60 0 0 20 0 1 0 "
                + "12 1 1 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        Files.writeString(proc.resolve("77/schedstat"), "1003000000 5000 42\n");
        try (ProcfsSampler s = new ProcfsSampler(proc, "boot-a", 100)) {
            ProcessCpu cpu = s.read(77);
            assertThat(cpu).isEqualTo(new ProcessCpu(77, "systemd", "boot-a", 12, 100, 1_003_000_000L));
        }
    }

    @Test
    void aMissingProcessIsGone(@TempDir Path proc) {
        try (ProcfsSampler s = new ProcfsSampler(proc, "boot-a", 100)) {
            assertThatThrownBy(() -> s.read(12345)).isInstanceOf(ProcessGoneException.class)
                    .hasMessage("process 12345 is gone");
        }
    }

    @Test
    void machineCpuCountsIdleAndIowaitAsNotBusy(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("stat"), "cpu  100 10 50 800 40 0 5 0 0 0\ncpu0 50 5 25 400 20 0 2 0 0 0\n"
                + "intr 123456 0 0 0\n");
        try (ProcfsSampler s = new ProcfsSampler(proc, "boot-a", 100)) {
            assertThat(s.machine()).isEqualTo(new MachineCpu(165, 1005));
        }
    }

    @Test
    void theBootIdComesFromTheKernel() throws Exception {
        if (Files.exists(Path.of("/proc/sys/kernel/random/boot_id"))) {
            assertThat(ProcfsSampler.readBootId(Path.of("/proc"))).matches("[0-9a-f-]{36}");
        }
    }
}
