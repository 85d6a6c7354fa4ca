package io.kubensbench.analysis.model;

/**
 * One level as the model sees it: its load (means over the level's valid runs with
 * encapsulation off) and systemd's mean CPU in the model's state over its valid runs there.
 *
 * @param cores mean of the runs' systemd CPU, in cores
 * @param sd    their standard deviation, in cores; NaN with one run
 * @param runs  how many runs the mean is over
 */
public record LevelPoint(String level, Load load, double cores, double sd, int runs) {
}
