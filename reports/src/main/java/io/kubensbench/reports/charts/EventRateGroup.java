package io.kubensbench.reports.charts;

import io.kubensbench.analysis.model.LevelPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Levels run at about the same mount events a second, drawn as one series against mounts: a
 * campaign that varies pods at one churn measures events/s that differ a little from level to
 * level, and one that also varies the churn measures a few clearly apart.
 *
 * @param eventsPerSecond the mean of the levels' events/s, where the group's curve is drawn
 * @param points          the levels, by events/s
 */
record EventRateGroup(double eventsPerSecond, List<LevelPoint> points) {

    /** Levels whose events/s lie within this share of their group's mean share it. */
    static final double TOLERANCE = 0.10;

    EventRateGroup {
        points = List.copyOf(points);
    }

    /** The levels in groups, by events/s: each level joins the group before it while it stays within the tolerance. */
    static List<EventRateGroup> of(List<LevelPoint> levels) {
        List<LevelPoint> sorted = levels.stream()
                .sorted(Comparator.comparingDouble(p -> p.load().eventsPerSecond())).toList();
        List<EventRateGroup> groups = new ArrayList<>();
        List<LevelPoint> current = new ArrayList<>();
        for (LevelPoint p : sorted) {
            if (!current.isEmpty()) {
                double mean = mean(current);
                if (Math.abs(p.load().eventsPerSecond() - mean) > TOLERANCE * mean) {
                    groups.add(new EventRateGroup(mean, current));
                    current = new ArrayList<>();
                }
            }
            current.add(p);
        }
        if (!current.isEmpty()) {
            groups.add(new EventRateGroup(mean(current), current));
        }
        return groups;
    }

    private static double mean(List<LevelPoint> points) {
        return points.stream().mapToDouble(p -> p.load().eventsPerSecond()).average().orElse(Double.NaN);
    }
}
