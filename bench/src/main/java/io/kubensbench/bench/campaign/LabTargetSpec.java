package io.kubensbench.bench.campaign;

/**
 * The embedded lab node as a campaign's target. It has no settings yet; it is a record, and
 * a field of its own in the file ({@code target: {lab: {}}}), so that settings can be added
 * later without changing what existing files mean. Until then the reader refuses any field
 * under it, rather than silently ignoring a setting the user thinks took effect.
 */
public record LabTargetSpec() {
}
