package io.kubensbench.bench.cli;

import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.lab.KubeletProcess;
import io.kubensbench.bench.lab.LabPreconditions;
import io.kubensbench.bench.lab.LabNode;
import io.kubensbench.bench.lab.LabVerifier;
import io.kubensbench.bench.lab.VerifyJson;
import io.kubensbench.bench.lab.VerifyReport;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench lab}: the main job. Bare, it runs the built-in lab campaign (or
 * {@code --campaign FILE}) on a lab node and prints systemd's CPU per arm; its subcommands
 * verify the lab, open a shell in it, and time its mounts.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run on a lab node: real systemd as PID 1 of its own namespaces (needs root).",
        subcommands = {LabCommand.Verify.class, LabCommand.Shell.class, LabCommand.BenchMounts.class})
final class LabCommand implements Callable<Integer> {

    static final String DEFAULT_CAMPAIGN = "/io/kubensbench/bench/campaign/lab-default.yaml";
    static final String QUICK_CAMPAIGN = "/io/kubensbench/bench/campaign/lab-quick.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--campaign", paramLabel = "FILE", description = "Run this lab campaign instead of the built-in one.")
    Path campaign;

    @Option(names = "--quick", description = "The built-in quick campaign (under a minute).")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default results/<name>-<time>).")
    Path out;

    @Option(names = "--print-campaign", description = "Print the campaign that would run, and exit.")
    boolean printCampaign;

    @Override
    public Integer call() throws Exception {
        if (campaign != null && quick) {
            throw new IllegalArgumentException("--campaign and --quick do not go together");
        }
        String yaml = campaign != null ? readCampaign(campaign) : builtIn(quick ? QUICK_CAMPAIGN : DEFAULT_CAMPAIGN);
        String source = campaign != null ? campaign.getFileName().toString() : quick ? "lab-quick.yaml" : "lab-default.yaml";
        CampaignSpec parsed = new CampaignReader().parse(yaml, source);
        if (parsed.target().lab() == null) {
            throw new IllegalArgumentException(source + ": target: 'kubens-bench lab' runs lab campaigns; use 'kubens-bench run' for a cluster");
        }
        if (printCampaign) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
        LabPreconditions.check();
        return new CampaignSession(spec.commandLine().getOut(), spec.commandLine().getErr())
                .execute(parsed, yaml, out == null ? CampaignSession.defaultOut(parsed) : out, false, true);
    }

    private static String readCampaign(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        return Files.readString(file);
    }

    static String builtIn(String resource) throws IOException {
        try (InputStream in = LabCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the built-in campaign " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static PrintWriter progress(CommandSpec spec) {
        return spec.commandLine().getErr();
    }

    static void checkPods(int pods) {
        if (pods < 0 || pods > 5000) {
            throw new IllegalArgumentException("--pods must be between 0 and 5000 (got " + pods + ")");
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Start a lab node and check namespace identities, mount visibility, what an "
                    + "unprivileged user sees of secret and projected volumes, and the propagation matrix "
                    + "with encapsulation off and on. Exit 0 only if all match.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--pods", defaultValue = "50", description = "Pods to deploy for the mount check (default ${DEFAULT-VALUE}).")
        int pods;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() throws Exception {
            if (pods < 1 || pods > 5000) {
                throw new IllegalArgumentException("--pods must be between 1 and 5000 (got " + pods + ")");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = progress(spec);
            WorkloadSpec shape = WorkloadSpec.defaults().withPods(pods);
            VerifyReport report = new LabVerifier(shape, m -> err.println("  .. " + m)).verify();
            (output.json() ? new VerifyJson(out) : new VerifyTables(out)).print(report);
            return report.passed() ? Main.OK : Main.FAILED;
        }
    }

    @Command(name = "shell", mixinStandardHelpOptions = true,
            description = "kubensenter for the lab: run CMD (default a shell) in the lab node's kubelet namespace.")
    static final class Shell implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--encapsulated", description = "Start kubens.service first, as on an encapsulated node.")
        boolean encapsulated;

        @Option(names = "--pods", defaultValue = "0", description = "Pods to deploy before running CMD (default ${DEFAULT-VALUE}).")
        int pods;

        @Parameters(arity = "0..*", paramLabel = "CMD", description = "Command and arguments (after --).")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            checkPods(pods);
            List<String> cmd = command.isEmpty() ? List.of(System.getenv().getOrDefault("SHELL", "/bin/sh")) : command;
            PrintWriter err = progress(spec);
            try (LabNode lab = LabNode.start()) {
                if (encapsulated) {
                    lab.setEncapsulation(true);
                }
                KubeletProcess kubelet = null;
                if (pods > 0) {
                    WorkloadSpec shape = WorkloadSpec.defaults().withPods(pods);
                    kubelet = lab.startKubelet(shape);
                    for (int i = 0; i < pods; i++) {
                        kubelet.createPod(MountPlan.podUid("shell", i));
                    }
                }
                err.println("kubens-bench: lab node " + lab.id() + ", encapsulation "
                        + (encapsulated ? "on" : "off") + ", " + pods + " pods; systemd is host PID " + lab.systemdPid());
                err.flush();
                try {
                    return Foreground.run(lab.kubensenterCommand(cmd));
                } finally {
                    if (kubelet != null) {
                        kubelet.close();
                    }
                }
            }
        }
    }

    @Command(name = "bench-mounts", mixinStandardHelpOptions = true,
            description = "Time tmpfs mount+umount pairs inside a lab node: mount(2) through JNA "
                    + "(what the kubelet stand-in uses) against one mount(8) and umount(8) process each.")
    static final class BenchMounts implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--count", defaultValue = "500", description = "Pairs per method (default ${DEFAULT-VALUE}).")
        int count;

        @Override
        public Integer call() throws Exception {
            if (count < 1 || count > 100_000) {
                throw new IllegalArgumentException("--count must be between 1 and 100000 (got " + count + ")");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (LabNode lab = LabNode.start(); KubeletProcess kubelet = lab.startKubelet(WorkloadSpec.defaults())) {
                kubelet.call("bench " + Math.min(count, 50));
                String[] r = kubelet.call("bench " + count);
                double jna = Double.parseDouble(r[2].substring("jna_us=".length()));
                double exec = Double.parseDouble(r[3].substring("exec_us=".length()));
                out.printf("mount+umount pairs: %d per method, inside lab node %s%n", count, lab.id());
                out.printf("  mount(2) via JNA       %10.1f us/pair  %10.0f pairs/s%n", jna, 1e6 / jna);
                out.printf("  mount(8) + umount(8)   %10.1f us/pair  %10.0f pairs/s%n", exec, 1e6 / exec);
                out.printf("  speed-up               %10.1fx%n", exec / jna);
                return Main.OK;
            }
        }
    }
}
