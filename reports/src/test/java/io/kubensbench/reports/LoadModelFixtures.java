package io.kubensbench.reports;

import io.kubensbench.analysis.model.Candidate;
import io.kubensbench.analysis.model.LevelPoint;
import io.kubensbench.analysis.model.Load;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.LoadRange;
import io.kubensbench.analysis.model.ModelForm;
import io.kubensbench.analysis.model.Parameter;
import java.util.List;

/**
 * Load models built by hand for the report's tests: one fitted with encapsulation off on five
 * levels at two churns (the saturating form, its linear coefficients fitted here by weighted
 * least squares at a fixed K), one degenerate with encapsulation on.
 */
public final class LoadModelFixtures {

    public static final String DEGENERATE = "systemd used no measurable CPU at any calibrated level: 0 ns in every run";
    public static final double K = 190;

    private LoadModelFixtures() {
    }

    public static List<LevelPoint> offLevels() {
        return List.of(new LevelPoint("pods=40", new Load(602, 140), 0.118, 0.004, 4),
                new LevelPoint("pods=120", new Load(1727, 140), 0.322, 0.009, 4),
                new LevelPoint("pods=180", new Load(2564, 140), 0.534, 0.012, 4),
                new LevelPoint("pods=240", new Load(3404, 140), 0.714, 0.015, 4),
                new LevelPoint("pods=120 churn=10", new Load(1727, 280), 0.452, 0.011, 4));
    }

    /** The saturating form fitted on {@link #offLevels()}, K fixed: a + b·x with x = M·E/(E+K), weights 1/mean². */
    public static LoadModel off() {
        List<LevelPoint> points = offLevels();
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double t0 = 0;
        double t1 = 0;
        for (LevelPoint p : points) {
            double w = 1 / (p.cores() * p.cores());
            double x = x(p.load());
            s0 += w;
            s1 += w * x;
            s2 += w * x * x;
            t0 += w * p.cores();
            t1 += w * x * p.cores();
        }
        double det = s0 * s2 - s1 * s1;
        double[][] cov = {{s2 / det, -s1 / det}, {-s1 / det, s0 / det}};
        double a = cov[0][0] * t0 + cov[0][1] * t1;
        double b = cov[1][0] * t0 + cov[1][1] * t1;
        double rss = 0;
        for (LevelPoint p : points) {
            double r = (p.cores() - a - b * x(p.load())) / p.cores();
            rss += r * r;
        }
        int df = points.size() - ModelForm.SATURATING.parameters();
        double sigma = Math.sqrt(rss / df);
        double t = 4.303; // t(0.975, 2)
        double ha = t * sigma * Math.sqrt(cov[0][0]);
        double hb = t * sigma * Math.sqrt(cov[1][1]);
        List<Parameter> parameters = List.of(
                new Parameter("a", 100 * a, 100 * (a - ha), 100 * (a + ha), "% of a core"),
                new Parameter("b", 1e5 * b, 1e5 * (b - hb), 1e5 * (b + hb),
                        "% of a core per 1,000 mounts at saturated events/s"),
                new Parameter("K", K, Double.NaN, Double.NaN, "events/s"));
        List<Candidate> candidates = List.of(
                new Candidate(ModelForm.MOUNTS, 0.214, 0.391, "pods=120 churn=10", null),
                new Candidate(ModelForm.MOUNTS_PLUS_EVENTS, 0.061, 0.102, "pods=40", null),
                new Candidate(ModelForm.MOUNTS_TIMES_EVENTS, 0.248, 0.437, "pods=120 churn=10", null),
                new Candidate(ModelForm.SATURATING, 0.031, 0.052, "pods=240", null));
        return new LoadModel("off", List.of("off"), points, candidates, ModelForm.SATURATING, parameters,
                new double[] {a, b}, cov, K, sigma, df, 0.031, new LoadRange(602, 3404, 140, 280), 47, null);
    }

    /** Encapsulation on in the lab: systemd saw none of the load, so no form was fitted. */
    public static LoadModel onDegenerate() {
        List<LevelPoint> points = offLevels().stream()
                .map(p -> new LevelPoint(p.level(), p.load(), 0, 0, p.runs())).toList();
        List<Candidate> candidates = List.of(ModelForm.values()).stream()
                .map(f -> new Candidate(f, Double.NaN, Double.NaN, null, "systemd's CPU is 0 at every level")).toList();
        return new LoadModel("on", List.of("on"), points, candidates, null, List.of(), null, null, Double.NaN,
                Double.NaN, 0, Double.NaN, new LoadRange(602, 3404, 140, 280), 47, DEGENERATE);
    }

    private static double x(Load load) {
        return load.mounts() * load.eventsPerSecond() / (load.eventsPerSecond() + K);
    }
}
