package io.kubensbench.analysis.model;

import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Fits a {@link LoadModel} per encapsulation state from a campaign's runs. A level's load is
 * what systemd saw with encapsulation off (the means of its valid off runs' counted mounts and
 * events a second): with encapsulation on the pods make the same load, systemd just does not
 * see it. A level needs both counts to have a load.
 */
public final class LoadModels {

    public static final String OFF = "off";
    public static final String ON = "on";
    /** Level means at or below this (in cores) are no measurable CPU. */
    static final double IDLE_CORES = 1e-6;
    /** The t quantile's solver accuracy, as tight as the rest of the statistics. */
    static final double T_ACCURACY = 1e-14;

    private LoadModels() {
    }

    /** The model of {@code state} ({@link #OFF} or {@link #ON}) among {@code models}, if there is one. */
    public static Optional<LoadModel> of(List<LoadModel> models, String state) {
        return models.stream().filter(m -> state.equals(m.state())).findFirst();
    }

    /**
     * One model per encapsulation state with valid runs ({@code off} first), over all arms in
     * that state; empty when no level has a load (no valid run with encapsulation off).
     *
     * @param runs the campaign's runs, valid or not (invalid ones are left out)
     */
    public static List<LoadModel> fit(List<RunRecord> runs) {
        List<RunRecord> valid = runs.stream().filter(RunRecord::valid).toList();
        Map<String, Load> loads = loads(valid);
        if (loads.isEmpty()) {
            return List.of();
        }
        double baseMounts = baseMounts(valid);
        List<LoadModel> models = new ArrayList<>();
        for (String state : List.of(OFF, ON)) {
            List<RunRecord> inState = valid.stream().filter(r -> state.equals(r.encapsulation())).toList();
            List<LevelPoint> points = points(inState, loads);
            if (!points.isEmpty()) {
                models.add(model(state, inState, points, baseMounts));
            }
        }
        return List.copyOf(models);
    }

    /**
     * The levels' loads, in the order levels first appear in the valid runs; a level without a
     * valid off run counting both mounts and events has none.
     */
    private static Map<String, Load> loads(List<RunRecord> valid) {
        Map<String, List<RunRecord>> off = byLevel(valid.stream().filter(r -> OFF.equals(r.encapsulation())).toList());
        Map<String, Load> loads = new LinkedHashMap<>();
        for (String level : byLevel(valid).keySet()) {
            List<RunRecord> runs = off.getOrDefault(level, List.of());
            double mounts = mean(runs, r -> r.systemdMounts() >= 0, RunRecord::systemdMounts);
            double events = mean(runs, r -> Double.isFinite(r.mountEventsPerSecond()), RunRecord::mountEventsPerSecond);
            if (Double.isFinite(mounts) && Double.isFinite(events)) {
                loads.put(level, new Load(mounts, events));
            }
        }
        return loads;
    }

    private static List<LevelPoint> points(List<RunRecord> inState, Map<String, Load> loads) {
        Map<String, List<RunRecord>> byLevel = byLevel(inState);
        List<LevelPoint> points = new ArrayList<>();
        loads.forEach((level, load) -> {
            List<RunRecord> runs = byLevel.get(level);
            if (runs != null) {
                double[] cores = runs.stream().mapToDouble(RunRecord::systemdCores).toArray();
                points.add(new LevelPoint(level, load, mean(cores), sd(cores), cores.length));
            }
        });
        return points;
    }

    private static LoadModel model(String state, List<RunRecord> inState, List<LevelPoint> points,
                                   double baseMounts) {
        List<String> arms = inState.stream().map(RunRecord::arm).distinct().toList();
        LoadRange range = range(points);
        if (points.stream().allMatch(p -> p.cores() <= IDLE_CORES)) {
            List<String> levels = points.stream().map(LevelPoint::level).toList();
            List<RunRecord> calibrated = inState.stream().filter(r -> levels.contains(r.level())).toList();
            long zero = calibrated.stream().filter(r -> r.systemdSchedNs() == 0).count();
            String why = "systemd used no measurable CPU at any calibrated level (0 ns in " + zero + " of "
                    + calibrated.size() + " runs)";
            return empty(state, arms, points, List.of(), range, baseMounts, why);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (ModelForm form : ModelForm.values()) {
            candidates.add(LeaveOneLevelOut.of(form, points));
        }
        Candidate chosen = candidates.stream().filter(Candidate::compared)
                .min(Comparator.comparingDouble((Candidate c) -> rounded(c.rmsError()))
                        .thenComparingInt(c -> c.form().parameters()))
                .orElse(null);
        if (chosen == null) {
            return empty(state, arms, points, candidates, range, baseMounts, notComparable(points, candidates));
        }
        FormFit fit = FormFit.of(chosen.form(), points);
        if (fit == null) {
            return empty(state, arms, points, candidates, range, baseMounts,
                    "the " + chosen.form().label() + " form's columns are dependent on these levels");
        }
        double[][] covariance = fit.covariance(points);
        if (covariance == null) {
            covariance = fit.fit().covariance();
        }
        return new LoadModel(state, arms, points, candidates, fit.form(), Parameters.of(fit, covariance), fit.fit().coefficients(),
                covariance, fit.saturation(), fit.sigma(), fit.df(), chosen.rmsError(), range,
                baseMounts, null);
    }

    /** Errors that agree to 1e-9 are a tie, which the form of fewer parameters wins (exact data fit by several). */
    private static double rounded(double error) {
        return Math.round(error * 1e9) / 1e9;
    }

    private static String notComparable(List<LevelPoint> points, List<Candidate> candidates) {
        int simplest = Integer.MAX_VALUE;
        for (ModelForm form : ModelForm.values()) {
            simplest = Math.min(simplest, form.parameters() + LeaveOneLevelOut.SPARE_LEVELS);
        }
        if (points.size() < simplest) {
            return points.size() + (points.size() == 1 ? " level" : " levels") + ": the simplest form needs "
                    + simplest + " to be validated";
        }
        return candidates.stream().map(Candidate::notCompared).distinct().collect(Collectors.joining("; "));
    }

    private static LoadModel empty(String state, List<String> arms, List<LevelPoint> points,
                                   List<Candidate> candidates, LoadRange range, double baseMounts, String why) {
        return new LoadModel(state, arms, points, candidates, null, List.of(), new double[0], new double[0][],
                Double.NaN, Double.NaN, 0, Double.NaN, range, baseMounts, why);
    }

    private static LoadRange range(List<LevelPoint> points) {
        return new LoadRange(points.stream().mapToDouble(p -> p.load().mounts()).min().orElse(Double.NaN),
                points.stream().mapToDouble(p -> p.load().mounts()).max().orElse(Double.NaN),
                points.stream().mapToDouble(p -> p.load().eventsPerSecond()).min().orElse(Double.NaN),
                points.stream().mapToDouble(p -> p.load().eventsPerSecond()).max().orElse(Double.NaN));
    }

    /** Mounts in systemd's view without pods: the intercept of mounts against pods over the off runs. */
    private static double baseMounts(List<RunRecord> valid) {
        List<RunRecord> counted = valid.stream()
                .filter(r -> OFF.equals(r.encapsulation()) && r.systemdMounts() >= 0).toList();
        if (counted.stream().map(RunRecord::pods).distinct().count() < 2) {
            return Double.NaN;
        }
        SimpleRegression line = new SimpleRegression();
        counted.forEach(r -> line.addData(r.pods(), r.systemdMounts()));
        return line.getIntercept();
    }

    private static Map<String, List<RunRecord>> byLevel(List<RunRecord> runs) {
        Map<String, List<RunRecord>> byLevel = new LinkedHashMap<>();
        runs.forEach(r -> byLevel.computeIfAbsent(r.level(), k -> new ArrayList<>()).add(r));
        return byLevel;
    }

    private static double mean(List<RunRecord> runs, Predicate<RunRecord> counted, ToDoubleFunction<RunRecord> f) {
        return runs.stream().filter(counted).mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
