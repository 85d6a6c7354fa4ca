package io.kubensbench.analysis.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes a campaign's results directory while it runs: {@code campaign.yaml} as the user
 * wrote it, {@code results.json} (the format's version, the campaign normalised, the target's
 * traits and what each record field means) and {@code environment.json} first, then per
 * finished run its samples and its record, appended and forced to disk, so a killed campaign
 * loses at most the run in progress; each rollout of a cluster's encapsulation as it ends. Nothing already written is ever rewritten. It lives
 * beside {@link ResultsDir}, its reader, so the format has one home.
 */
public final class ResultsStore {

    private final ResultsDir dir;
    private final ObjectMapper json = ResultsDir.mapper();

    private ResultsStore(ResultsDir dir) {
        this.dir = dir;
    }

    /**
     * A new results directory; refuses one that already holds results.
     *
     * @param campaignYaml the campaign file as the user wrote it (a resume re-reads it)
     * @param campaign     the same campaign normalised, for readers without the file's reader
     * @param traits       what the target can do and how it measures
     */
    public static ResultsStore create(Path path, String campaignYaml, CampaignRecord campaign, TargetTraits traits,
                                      Environment environment) throws IOException {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(traits, "traits");
        if (Files.exists(path.resolve(ResultsDir.CAMPAIGN))) {
            throw new IllegalArgumentException(path + " already holds a campaign: use --resume " + path
                    + " to finish it, or --out with a new directory");
        }
        Files.createDirectories(path);
        ResultsStore store = new ResultsStore(new ResultsDir(path));
        Files.writeString(path.resolve(ResultsDir.CAMPAIGN), campaignYaml, StandardOpenOption.CREATE_NEW);
        Files.writeString(path.resolve(ResultsDir.MANIFEST),
                store.json.writerWithDefaultPrettyPrinter().writeValueAsString(ResultsManifest.of(campaign, traits)));
        Files.writeString(path.resolve(ResultsDir.ENVIRONMENT),
                store.json.writerWithDefaultPrettyPrinter().writeValueAsString(environment));
        return store;
    }

    /** An existing results directory, to append the runs still missing. */
    public static ResultsStore resume(Path path) {
        return new ResultsStore(new ResultsDir(path).requireExisting());
    }

    public ResultsDir dir() {
        return dir;
    }

    /**
     * Runs that need no redoing: every current record except those of runs interrupted by the
     * user (a killed run has no record at all).
     */
    public Set<Integer> doneIndexes() throws IOException {
        return dir.runs().stream()
                .filter(r -> r.valid() || r.invalidReason() == null || !r.invalidReason().startsWith(RunRecord.INTERRUPTED))
                .map(RunRecord::index)
                .collect(Collectors.toSet());
    }

    /** Appends a finished run: its samples first, then its record; both forced to disk. */
    public void append(RunRecord run, List<SampleRecord> samples) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (SampleRecord s : samples) {
            lines.append(json.writeValueAsString(s)).append('\n');
        }
        appendForced(ResultsDir.SAMPLES, lines.toString());
        appendForced(ResultsDir.RUNS, json.writeValueAsString(run) + "\n");
    }

    /** Appends a rollout as it ends, forced to disk: a campaign killed in its next run still has it. */
    public void appendRollout(RolloutRecord rollout) throws IOException {
        appendForced(ResultsDir.ROLLOUTS, json.writeValueAsString(rollout) + "\n");
    }

    /**
     * Appends and forces to disk. A line cut short by a kill is closed first, so the new
     * line starts on its own and the cut one stays unreadable rather than corrupting it.
     */
    private void appendForced(String file, String text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir.path().resolve(file), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    text = "\n" + text;
                }
            }
            ch.position(size);
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
    }
}
