package io.kubensbench.analysis.results;

import java.util.Map;

/**
 * {@code results.json}: what a results directory says about itself, so that it reads the same
 * on any machine and years later. It names the format's version, the campaign as run in a
 * normalised form, what the target could do, and what each field of {@code runs.jsonl} means
 * on that target. A directory without it is version 1: its campaign is derived from
 * {@code campaign.yaml} and its traits and field meanings are unknown (null).
 *
 * @param schemaVersion the results directory's format version
 * @param campaign      the campaign as run
 * @param traits        what the target could do and how it measured; null when unknown
 * @param fields        per {@code runs.jsonl} field, what it means on this target; null when unknown
 */
public record ResultsManifest(int schemaVersion, CampaignRecord campaign, TargetTraits traits,
                              Map<String, String> fields) {

    /** The version this tool writes; directories up to it are read. */
    public static final int SCHEMA_VERSION = 2;
    /** A directory without {@code results.json}. */
    public static final int FIRST_VERSION = 1;

    /** The manifest of a new directory: this version, with the traits' field meanings. */
    public static ResultsManifest of(CampaignRecord campaign, TargetTraits traits) {
        return new ResultsManifest(SCHEMA_VERSION, campaign, traits, traits == null ? null : traits.fieldMeanings());
    }
}
