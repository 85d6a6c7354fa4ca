package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubensbench.bench.lab.LabPreconditions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ./kubens-bench lab} run by a user who is not root, on a machine without sudo. */
class LauncherTest {

    @Test
    void aNonRootLabRunPrintsOneLineAndExits2() throws Exception {
        Path launcher = Path.of("..", "kubens-bench").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(launcher), "no launcher at " + launcher);
        assumeTrue(LabPreconditions.isRoot(), "needs root to run the launcher as another user");
        assumeTrue(Files.notExists(Path.of("/usr/bin/sudo")), "this machine has sudo: the launcher would ask for a password");
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                launcher.toString(), "lab");
        pb.directory(Path.of("/").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(!err.contains("Permission denied"), "the checkout is not readable by an unprivileged user");
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains("needs root");
    }
}
