package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the DaemonSet controller said about the probe's pods it could not create: when
 * admission (Pod Security, an SCC, a quota, a webhook) refuses a DaemonSet's pod, no API call
 * of ours fails; the refusal exists only as a FailedCreate event on the DaemonSet, with the
 * server's words. Reading the events is a courtesy to the user: one that cannot be read
 * (no permission to list events) is no reason to fail.
 */
final class ProbeEvents {

    /** How many distinct refusals a message names; the first is the newest. */
    private static final int MAX = 3;

    private final KubernetesClient client;
    private final ProbeManifests manifests;

    ProbeEvents(KubernetesClient client, ProbeManifests manifests) {
        this.client = client;
        this.manifests = manifests;
    }

    /**
     * The messages of the DaemonSet's FailedCreate events last seen at or after {@code since}
     * (null: any time), newest first, distinct; empty when none can be read.
     */
    List<String> failedCreates(Instant since) {
        String after = since == null ? "" : since.truncatedTo(ChronoUnit.SECONDS).toString();
        List<Event> events;
        try {
            events = client.v1().events().inNamespace(manifests.namespace()).list().getItems();
        } catch (KubernetesClientException e) {
            return List.of();
        }
        Set<String> messages = new LinkedHashSet<>();
        events.stream().filter(ProbeEvents::aboutTheDaemonSet).filter(e -> "FailedCreate".equals(e.getReason()))
                .filter(e -> when(e).compareTo(after) >= 0)
                .sorted(Comparator.comparing(ProbeEvents::when).reversed())
                .forEach(e -> messages.add(e.getMessage() == null ? "(no message)" : e.getMessage().strip()));
        return messages.stream().limit(MAX).toList();
    }

    private static boolean aboutTheDaemonSet(Event event) {
        ObjectReference about = event.getInvolvedObject();
        return about != null && "DaemonSet".equals(about.getKind()) && ProbeManifests.NAME.equals(about.getName());
    }

    /** The event's last time as text; RFC 3339 times in UTC sort as text. */
    private static String when(Event event) {
        if (event.getLastTimestamp() != null) {
            return event.getLastTimestamp();
        }
        if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
            return event.getEventTime().getTime();
        }
        return event.getFirstTimestamp() == null ? "" : event.getFirstTimestamp();
    }
}
