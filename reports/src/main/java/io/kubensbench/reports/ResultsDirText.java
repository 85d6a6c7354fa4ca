package io.kubensbench.reports;

import io.kubensbench.analysis.results.ResultsManifest;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.analysis.results.Unreadable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every output says about the results directory itself, in the same words: the lines
 * that could not be read and were skipped (so damage is never silent), and what the directory
 * states about its format and its target.
 */
public final class ResultsDirText {

    /** Outputs for people name this many skipped lines; summary.json names them all. */
    public static final int NAMED = 10;

    private ResultsDirText() {
    }

    /** "1 unreadable line skipped", "3 unreadable lines skipped"; empty when none. */
    public static String skippedCount(List<Unreadable> unreadable) {
        int n = unreadable.size();
        return n == 0 ? "" : n + " unreadable line" + (n == 1 ? "" : "s") + " skipped";
    }

    /** Each skipped line named, the first {@link #NAMED} of them, then how many more. */
    public static List<String> skippedLines(List<Unreadable> all) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(NAMED, all.size()); i++) {
            out.add(all.get(i).describe());
        }
        if (all.size() > NAMED) {
            out.add("and " + (all.size() - NAMED) + " more (all in summary.json)");
        }
        return out;
    }

    /** "2 unreadable lines skipped: r/runs.jsonl line 3: ...; ..."; empty when none. */
    public static String skipped(List<Unreadable> unreadable) {
        return unreadable.isEmpty() ? "" : skippedCount(unreadable) + ": " + String.join("; ", skippedLines(unreadable));
    }

    /**
     * The directory's format and what its target could do: "schema version 2; lab: arms switched
     * in place, ...", or for a version-1 directory that the traits are unknown.
     */
    public static String description(ResultsManifest m) {
        String version = "schema version " + m.schemaVersion();
        TargetTraits t = m.traits();
        if (t == null) {
            return version + (m.schemaVersion() == ResultsManifest.FIRST_VERSION
                    ? " (no results.json): what the target could do is unknown" : ": the target's traits are unknown");
        }
        String switching = switch (t.armSwitching()) {
            case IN_PLACE -> "arms switched in place by the harness";
            case ROLLOUT -> "arms switched by a MachineConfig rollout (nodes reboot)";
            case BY_HAND -> "arms switched by hand, one arm per invocation";
        };
        return String.format(Locale.ROOT, "%s; %s: %s; mount events %s; a run starts once systemd is below %.1f%%"
                        + " of a core; harness CPU is %s", version, t.kind(), switching,
                switch (t.mountEvents()) {
                    case COUNTED -> "counted on the node";
                    case DERIVED -> "derived from API counts";
                    case TABLE_CHANGES -> "counted on the node from PID 1's mount table";
                },
                100 * t.idleCores(), t.harnessCpu());
    }
}
