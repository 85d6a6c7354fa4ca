package io.kubensbench.analysis.prediction;

import io.kubensbench.analysis.model.LevelPoint;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.LoadRange;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.text.SystemdVersion;
import java.util.List;

/**
 * What a prediction was calibrated on, so a reader can judge whether it carries to the node
 * asked about: systemd's version and the CPU change what a mount costs, and the levels'
 * loads bound where the model was measured rather than extrapolated.
 *
 * @param campaign the calibration campaign's name
 * @param sources  the results directories pooled
 * @param target   {@code lab} or {@code cluster}
 * @param systemd  the systemd measured, as the environment recorded it, or {@code unknown}
 * @param cpu      the CPU model measured on, or {@code unknown}
 * @param levels   the levels the model with encapsulation off was fitted on
 * @param range    their loads' smallest and largest means
 */
public record Calibration(String campaign, List<String> sources, String target, String systemd, String cpu,
                          List<String> levels, LoadRange range) {

    public Calibration {
        sources = List.copyOf(sources);
        levels = List.copyOf(levels);
    }

    /** The calibration of {@code off}, the model with encapsulation off, measured where {@code env} says. */
    public static Calibration of(String campaign, List<String> sources, String target, Environment env,
                                 LoadModel off) {
        String cpu = env == null || env.cpuModel() == null || env.cpuModel().isBlank() ? "unknown" : env.cpuModel();
        return new Calibration(campaign, sources, target, SystemdVersion.of(env), cpu,
                off.points().stream().map(LevelPoint::level).toList(), off.range());
    }
}
