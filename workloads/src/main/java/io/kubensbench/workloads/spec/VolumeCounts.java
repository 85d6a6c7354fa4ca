package io.kubensbench.workloads.spec;

/**
 * How many volumes of each kind every pod carries. The kinds are kept apart because they
 * cost the node differently: some become a tmpfs mount on the host, some only a directory.
 */
public record VolumeCounts(int secret, int projected, int configMap, int emptyDirMemory,
        int downwardAPI, int emptyDirDisk) {

    /** Upper bound per kind: far above real pods, low enough to catch a typo. */
    public static final int MAX_PER_KIND = 256;

    private static final String PATH = "workload.volumesPerPod.";

    public VolumeCounts {
        Checks.between(PATH + "secret", secret, 0, MAX_PER_KIND);
        Checks.between(PATH + "projected", projected, 0, MAX_PER_KIND);
        Checks.between(PATH + "configMap", configMap, 0, MAX_PER_KIND);
        Checks.between(PATH + "emptyDirMemory", emptyDirMemory, 0, MAX_PER_KIND);
        Checks.between(PATH + "downwardAPI", downwardAPI, 0, MAX_PER_KIND);
        Checks.between(PATH + "emptyDirDisk", emptyDirDisk, 0, MAX_PER_KIND);
    }

    /** The five kinds a campaign file usually names; no disk-backed emptyDir. */
    public static VolumeCounts of(int secret, int projected, int configMap, int emptyDirMemory,
            int downwardAPI) {
        return new VolumeCounts(secret, projected, configMap, emptyDirMemory, downwardAPI, 0);
    }

    /** A typical application pod: a few secrets, one token volume, config, scratch space. */
    public static VolumeCounts defaults() {
        return of(4, 1, 2, 2, 1);
    }

    public int count(VolumeKind kind) {
        return switch (kind) {
            case SECRET -> secret;
            case PROJECTED -> projected;
            case CONFIG_MAP -> configMap;
            case EMPTY_DIR_MEMORY -> emptyDirMemory;
            case DOWNWARD_API -> downwardAPI;
            case EMPTY_DIR_DISK -> emptyDirDisk;
        };
    }

    public int total() {
        return secret + projected + configMap + emptyDirMemory + downwardAPI + emptyDirDisk;
    }
}
