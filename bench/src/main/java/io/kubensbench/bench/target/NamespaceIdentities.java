package io.kubensbench.bench.target;

import io.kubensbench.bench.campaign.Encapsulation;

/**
 * The mount namespaces of systemd, kubelet and the container runtime, read as the product
 * documentation's verification reads them ({@code readlink /proc/PID/ns/mnt}).
 */
public record NamespaceIdentities(String systemd, String kubelet, String runtime) {

    /** Encapsulated exactly when systemd's namespace differs from both and theirs agree. */
    public boolean encapsulated() {
        return !systemd.equals(kubelet) && !systemd.equals(runtime) && kubelet.equals(runtime);
    }

    /** Not encapsulated: all three share one namespace. */
    public boolean shared() {
        return systemd.equals(kubelet) && kubelet.equals(runtime);
    }

    /** Whether the identities are what the arm claims. */
    public boolean matches(Encapsulation arm) {
        return arm == Encapsulation.ON ? encapsulated() : shared();
    }
}
