package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.util.Map;

/**
 * Creates an object, or takes the one already there when it carries this run's labels: a
 * deploy resumed after a failure finds its own objects and goes on. One that lacks the labels
 * was made by another run or a person, and one being deleted will be gone in a moment; both
 * are refused, so kubens-bench never adopts or alters what is not its own.
 */
public final class CreateOrAdopt {

    private CreateOrAdopt() {
    }

    /**
     * Creates {@code object} through {@code resource}; on a conflict, reads the existing one
     * and accepts it when its labels include {@code ours}.
     *
     * @param otherwise what else the user can do when the object is refused, e.g. {@code "use
     *     another namespace or run id"}
     */
    public static void create(Resource<? extends HasMetadata> resource, HasMetadata object,
            Map<String, String> ours, String otherwise) throws IOException, InterruptedException {
        try {
            resource.create();
            return;
        } catch (KubernetesClientException e) {
            if (e.getCode() != ApiErrors.CONFLICT) {
                throw ApiErrors.failure(e, "create", ApiErrors.describe(object));
            }
        }
        HasMetadata existing;
        try {
            existing = resource.get();
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure(e, "get", ApiErrors.describe(object));
        }
        if (existing == null || existing.getMetadata().getDeletionTimestamp() != null) {
            throw new IOException(ApiErrors.describe(object) + " already exists and is being deleted;"
                    + " wait until it is gone or " + otherwise);
        }
        Map<String, String> labels = existing.getMetadata().getLabels();
        if (labels == null || !labels.entrySet().containsAll(ours.entrySet())) {
            throw new IOException(ApiErrors.describe(object) + " already exists without this run's "
                    + (ours.size() == 1 ? "label " : "labels ") + ApiErrors.describe(ours)
                    + "; delete it or " + otherwise);
        }
    }
}
