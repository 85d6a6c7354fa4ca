package io.kubensbench.bench.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One mounted cgroup hierarchy (v1 controller, v1 named, or v2) and the harness's own cgroup
 * in it. The lab's sub-cgroup is created below the harness's cgroup in every hierarchy, so
 * the lab never writes outside the subtree the harness already lives in (v1, v2 and hybrid
 * hosts alike).
 *
 * @param mountPoint where the hierarchy is mounted on the host
 * @param harnessDir the harness's cgroup directory in it
 */
public record CgroupHierarchy(Path mountPoint, Path harnessDir) {

    /** The lab's sub-cgroup for a lab id. */
    public Path labDir(String labId) {
        return harnessDir.resolve("kubens-bench-" + labId);
    }

    /** Every cgroup hierarchy mounted under /sys/fs/cgroup, from /proc/self/{mountinfo,cgroup}. */
    public static List<CgroupHierarchy> discover() throws IOException {
        return discover(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                Files.readAllLines(Path.of("/proc/self/cgroup")));
    }

    static List<CgroupHierarchy> discover(List<String> mountinfo, List<String> cgroupLines) {
        List<CgroupHierarchy> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String line : mountinfo) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            String fstype = right[0];
            if (!fstype.equals("cgroup") && !fstype.equals("cgroup2")) {
                continue;
            }
            Path mountPoint = Path.of(unescape(left[4]));
            if (!mountPoint.startsWith("/sys/fs/cgroup") || !seen.add(mountPoint)) {
                continue;
            }
            String root = unescape(left[3]);
            String own = ownPath(fstype, right.length > 2 ? right[2] : "", cgroupLines);
            if (own == null) {
                continue;
            }
            String rel = own.startsWith(root) ? own.substring(root.length()) : own;
            Path dir = mountPoint;
            for (String part : rel.split("/")) {
                if (!part.isEmpty()) {
                    dir = dir.resolve(part);
                }
            }
            out.add(new CgroupHierarchy(mountPoint, dir));
        }
        return out;
    }

    /** The harness's path in the hierarchy whose super options are {@code superOptions}. */
    private static String ownPath(String fstype, String superOptions, List<String> cgroupLines) {
        Set<String> opts = Set.of(superOptions.split(","));
        for (String l : cgroupLines) {
            String[] f = l.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (fstype.equals("cgroup2")) {
                if (f[0].equals("0") && f[1].isEmpty()) {
                    return f[2];
                }
            } else if (!f[1].isEmpty() && opts.containsAll(List.of(f[1].split(",")))) {
                return f[2];
            }
        }
        return null;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
