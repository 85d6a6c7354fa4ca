package io.kubensbench.bench.lab;

import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.sampling.MountCounter;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks that a lab node behaves like a real node, off and on: the documented namespace
 * identities, that systemd stops seeing pod mounts when encapsulated, that an unprivileged
 * user stops seeing the pods' secret and projected volume mounts, and the documented
 * propagation matrix. Everything the campaign later measures rests on these facts.
 */
public final class LabVerifier {

    private final WorkloadSpec shape;
    private final Consumer<String> progress;

    public LabVerifier(WorkloadSpec shape, Consumer<String> progress) {
        this.shape = shape;
        this.progress = progress;
    }

    /** Starts a lab node, checks the off arm, enables encapsulation, checks the on arm. */
    public VerifyReport verify() throws IOException {
        progress.accept("starting a lab node");
        try (LabNode lab = LabNode.start()) {
            progress.accept("lab node " + lab.id() + " up: systemd is host PID " + lab.systemdPid());
            ArmFindings off = verifyArm(lab, Encapsulation.OFF);
            progress.accept("starting kubens.service");
            lab.setEncapsulation(true);
            ArmFindings on = verifyArm(lab, Encapsulation.ON);
            return new VerifyReport(off, on);
        }
    }

    /** Checks one arm on a node whose kubens.service is already in the arm's state. */
    public ArmFindings verifyArm(LabNode lab, Encapsulation arm) throws IOException {
        progress.accept(arm.label() + ": starting kubelet and runtime stand-ins through kubensenter");
        long host = lab.startIdle("host-process", false);
        MountPlan plan = new MountPlan(shape);
        try (KubeletProcess kubelet = lab.startKubelet(shape)) {
            long runtime = lab.startIdle("crio", true);
            try {
                NamespaceIdentities ns = lab.identities(kubelet.pid(), runtime);
                MountCounter counter = lab.mounts();
                long sysBefore = counter.count(lab.systemdPid());
                long kubBefore = counter.count(kubelet.pid());
                progress.accept(arm.label() + ": deploying " + shape.pods() + " pods ("
                        + plan.mountsPerPod() + " mounts each)");
                List<String> uids = new ArrayList<>();
                for (int i = 0; i < shape.pods(); i++) {
                    String uid = MountPlan.podUid("verify-" + arm.label(), i);
                    kubelet.createPod(uid);
                    uids.add(uid);
                }
                MountVisibility mounts = new MountVisibility(shape.pods(), plan.mountsPerPod(), sysBefore,
                        counter.count(lab.systemdPid()), kubBefore, counter.count(kubelet.pid()));
                progress.accept(arm.label() + ": reading the mount table as an unprivileged user");
                UnprivilegedView unprivileged = UnprivilegedReader.read(lab,
                        UnprivilegedReader.secretAndProjected(plan, uids));
                for (String uid : uids) {
                    kubelet.deletePod(uid);
                }
                progress.accept(arm.label() + ": propagation matrix");
                PropagationMatrix matrix = new PropagationCheck(lab, kubelet.pid(), runtime, host).run();
                return new ArmFindings(arm, ns, mounts, unprivileged, matrix);
            } finally {
                ProcessHandle.of(runtime).ifPresent(ProcessHandle::destroyForcibly);
            }
        } finally {
            ProcessHandle.of(host).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
