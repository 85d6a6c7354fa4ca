package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.cluster.ClusterManifests;
import io.kubensbench.bench.cluster.MachineConfigs;
import io.kubensbench.bench.cluster.ProbeManifests;
import io.kubensbench.bench.cluster.ProbePrivileges;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every object a cluster run of a campaign creates, for {@code plan --manifests}, so an
 * administrator can review what a run needs before granting it access. The objects come from
 * the builders the run itself uses ({@link ClusterManifests}, {@link ProbeManifests},
 * {@link MachineConfigs}), never from a copy, in the order a reviewer wants them:
 * cluster-scoped objects first (namespaces, the probe's SCC and ClusterRole, the
 * MachineConfigs), then the probe's ServiceAccount, RoleBinding and DaemonSet, then each
 * level's Secrets, ConfigMaps and Pods. What only the cluster can tell (whether it admits pods
 * by SCCs, which pools a switch reboots) goes into a comment beside the object, never a
 * guessed value.
 */
final class PlanManifests {

    /**
     * One object and the comment lines printed right above it.
     *
     * @param group the part of the run it belongs to; a group's introduction is printed once,
     *              above its first printed object
     */
    record Entry(HasMetadata object, String group, List<String> notes) {

        String kind() {
            return object.getKind();
        }

        /** Null for a cluster-scoped object. */
        String namespace() {
            return object.getMetadata().getNamespace();
        }
    }

    /** The value of {@code --kind} that keeps every object. */
    static final String ALL = "all";

    private final List<String> header;
    private final Map<String, List<String>> intros;
    private final List<Entry> entries;

    private PlanManifests(List<String> header, Map<String, List<String>> intros, List<Entry> entries) {
        this.header = List.copyOf(header);
        this.intros = Map.copyOf(intros);
        this.entries = List.copyOf(entries);
    }

    /**
     * What a cluster run of {@code c} creates under run id {@code runId}, its pods pinned to
     * {@code nodes} (hostname label values; unpinned when empty). A lab campaign is shown as a
     * cluster campaign with {@code encapsulation: manual} would run it.
     */
    static PlanManifests of(CampaignSpec c, String runId, List<String> nodes) {
        ClusterTargetSpec cluster = c.target().isLab() ? ClusterTargetSpec.of(ClusterTargetSpec.MANUAL)
                : c.target().cluster();
        // Only OpenShift serves the MachineConfig API, and it admits pods by SCCs; with manual
        // switching the run learns which kind of cluster it is on from the API server.
        boolean openShift = ClusterTargetSpec.MACHINECONFIG.equals(cluster.encapsulation());
        ClusterManifests manifests = new ClusterManifests(cluster, runId).onOpenShift(openShift);
        ProbePrivileges privileges = new ProbePrivileges(cluster.probeAsRoot());
        ProbeManifests probe = new ProbeManifests(manifests.probeNamespaceName(), cluster.image(), runId,
                c.sampling().interval(), cluster.nodeSelector(), true, privileges);

        List<String> header = new ArrayList<>();
        header.add("kubens-bench plan --manifests: campaign " + c.name() + ", " + PlanReboots.count(c.levels().size(),
                "level") + ", run id " + runId + " (a run's own is random), namespace " + manifests.namespaceName()
                + ", " + (nodes.isEmpty() ? "pods not pinned to a node (pin them with --node NAME)"
                : PlanReboots.count(nodes.size(), "node")));
        header.add(openShift
                ? "OpenShift (encapsulation: machineconfig): the pods pass Pod Security's restricted profile and name"
                        + " no runAsUser (the restricted SCC assigns one from the namespace's range)"
                : "the pods pass Pod Security's restricted profile; on OpenShift they name no runAsUser (its restricted"
                        + " SCC assigns one from the namespace's range)");

        Map<String, List<String>> intros = new LinkedHashMap<>();
        List<String> probeIntro = new ArrayList<>();
        probeIntro.add("the node probe (namespace " + manifests.probeNamespaceName() + "), image " + cluster.image()
                + ": " + cluster.imageReference().pinning());
        privileges.describe().forEach(line -> probeIntro.add("  " + line));
        intros.put("probe", probeIntro);

        String sccOnly = openShift ? "" : "; created only on OpenShift (when the API server serves "
                + ProbeManifests.OPENSHIFT_SECURITY_GROUP + "): encapsulation: manual runs on any cluster";
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Namespace", "the probe's namespace; Pod Security enforce=privileged, which hostPID needs");
        notes.put("SecurityContextConstraints", "admits the probe's pod and nothing else" + sccOnly);
        notes.put("ClusterRole", "grants use of that SCC only" + sccOnly);
        notes.put("ServiceAccount", "the probe's identity; no token is mounted");
        notes.put("RoleBinding", "gives that ClusterRole to the probe's ServiceAccount only" + sccOnly);
        notes.put("DaemonSet", "one probe pod on each selected Linux node, tolerating every taint");
        List<Entry> clusterScoped = new ArrayList<>();
        List<Entry> namespaced = new ArrayList<>();
        for (HasMetadata o : probe.objects()) {
            Entry entry = new Entry(o, "probe", notes.containsKey(o.getKind()) ? List.of(notes.get(o.getKind()))
                    : List.of());
            (entry.namespace() == null ? clusterScoped : namespaced).add(entry);
        }

        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(manifests.namespace(), "workload", List.of("the pods' namespace: every level's pods,"
                + " Secrets and ConfigMaps; deleted with all it holds when the run ends")));
        entries.addAll(clusterScoped);
        if (openShift) {
            machineConfigs(cluster, runId, intros, entries);
        }
        entries.addAll(namespaced);

        for (int i = 0; i < c.levels().size(); i++) {
            Level level = c.levels().get(i);
            WorkloadSpec w = level.workload();
            MountPlan mounts = new MountPlan(w);
            String group = "level " + i;
            intros.put(group, List.of("level " + level.name() + ": " + w.pods() + " pods x " + mounts.mountsPerPod()
                    + " mounts = " + mounts.expectedMounts(w.pods()) + " mounts" + (nodes.size() > 1 ? " per node" : "")));
            List<HasMetadata> objects = manifests.objects(w, PlanCommand.levelTag(i), nodes);
            objects.subList(1, objects.size()).forEach(o -> entries.add(new Entry(o, group, List.of())));
        }
        return new PlanManifests(header, intros, entries);
    }

    /**
     * The {@code 99-kubens-<role>} MachineConfigs a switch creates (to on) or deletes (to off).
     * The roles are those of the pools the measured nodes are in, which the run reads from the
     * cluster; offline, the node selector's role labels are what the campaign says.
     */
    private static void machineConfigs(ClusterTargetSpec cluster, String runId, Map<String, List<String>> intros,
            List<Entry> entries) {
        Set<String> named = MachineConfigs.rolesOf(cluster.nodeSelector());
        List<String> roles = named.isEmpty() ? MachineConfigs.ROLES
                : MachineConfigs.ROLES.stream().filter(named::contains).toList();
        List<String> intro = new ArrayList<>();
        intro.add("encapsulation: machineconfig: each switch to on creates, each switch to off deletes, the MachineConfig"
                + " of the measured nodes' role, and every node of the pools that render it drains and reboots, one at a"
                + " time per pool");
        intro.add(named.isEmpty()
                ? "the node selector names no role: the run takes the roles from the pools the measured nodes are in"
                        + " (read from the cluster), so either or both of these"
                : "the role follows from the node selector; the run reads it from the pools the measured nodes are in,"
                        + " and a node in another pool (a compact cluster's master) brings that pool's MachineConfig;"
                        + " kubens-bench plan CAMPAIGN.yaml names the pools and counts their nodes when the cluster"
                        + " answers");
        intros.put("switch", intro);
        for (String role : roles) {
            String pools = MachineConfigs.MASTER.equals(role) ? "the master pool"
                    : "the worker pool and every custom pool inheriting from it";
            entries.add(new Entry(MachineConfigs.kubens(role, runId), "switch",
                    List.of("role " + role + ": rendered by " + pools)));
        }
    }

    /** The header's comment lines. */
    List<String> header() {
        return header;
    }

    /** The comment lines introducing {@code group}, printed above its first object. */
    List<String> intro(String group) {
        return intros.getOrDefault(group, List.of());
    }

    List<Entry> entries() {
        return entries;
    }

    /** The kinds of the objects, in the order they first come. */
    List<String> kinds() {
        return List.copyOf(entries.stream().map(Entry::kind).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /**
     * Only the objects of {@code kinds} (case-insensitive; {@value #ALL} keeps all). A kind
     * this plan has no object of is refused, naming the kinds it has.
     */
    PlanManifests only(List<String> kinds) {
        List<String> present = kinds();
        Set<String> wanted = new LinkedHashSet<>();
        for (String asked : kinds) {
            String kind = asked.strip();
            if (kind.equalsIgnoreCase(ALL)) {
                return this;
            }
            String match = present.stream().filter(k -> k.equalsIgnoreCase(kind)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--kind " + kind + ": this plan creates no "
                            + (kind.isEmpty() ? "object of an empty kind" : kind) + "; its kinds: "
                            + String.join(", ", present) + " (or " + ALL + ")"
                            + (kind.equalsIgnoreCase(MachineConfigs.MACHINE_CONFIG_KIND) ? "; MachineConfigs come with"
                            + " target.cluster.encapsulation: machineconfig" : "")));
            wanted.add(match.toLowerCase(Locale.ROOT));
        }
        return new PlanManifests(header, intros, entries.stream()
                .filter(e -> wanted.contains(e.kind().toLowerCase(Locale.ROOT))).toList());
    }
}
