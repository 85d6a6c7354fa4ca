package io.kubensbench.workloads.mounts;

/**
 * The host directories under which kubelet and CRI-O create a pod's mounts. Configurable
 * because nodes differ (kubelet {@code --root-dir}, CRI-O {@code root}, {@code runroot} and
 * {@code namespaces_dir}) and because tests plan mounts under a scratch directory.
 *
 * @param kubeletPods       kubelet's pods directory; volumes go under {@code <uid>/volumes}
 * @param overlay           the overlay driver's home in containers/storage's graph root
 * @param overlayContainers per-container run directories in containers/storage's run root
 * @param netns             where CRI-O pins network namespaces
 * @param ipcns             where CRI-O pins IPC namespaces
 * @param utsns             where CRI-O pins UTS namespaces
 */
public record MountRoots(String kubeletPods, String overlay, String overlayContainers,
        String netns, String ipcns, String utsns) {

    public MountRoots {
        requireAbsoluteDirectory("kubeletPods", kubeletPods);
        requireAbsoluteDirectory("overlay", overlay);
        requireAbsoluteDirectory("overlayContainers", overlayContainers);
        requireAbsoluteDirectory("netns", netns);
        requireAbsoluteDirectory("ipcns", ipcns);
        requireAbsoluteDirectory("utsns", utsns);
    }

    /** The defaults of kubelet and CRI-O on a Linux node (and on OpenShift). */
    public static MountRoots standard() {
        return new MountRoots("/var/lib/kubelet/pods", "/var/lib/containers/storage/overlay",
                "/run/containers/storage/overlay-containers", "/run/netns", "/run/ipcns",
                "/run/utsns");
    }

    private static void requireAbsoluteDirectory(String name, String path) {
        if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
            throw new IllegalArgumentException("mount root " + name
                    + " must be an absolute path without a trailing '/' (got \"" + path + "\")");
        }
    }
}
