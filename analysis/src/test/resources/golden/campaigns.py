#!/usr/bin/env python3
"""Expected figures and verdicts of crafted campaigns, level by level, from their raw runs.

Run with scipy (1.17 wrote the committed file):

    python3 campaigns.py > campaigns.json

The Java test (CampaignGoldenTest) builds run records from the runs below (systemd's ns
over each window, the stat ticks beside them), analyses each campaign and compares every
figure with this file to 1e-6. The build never runs python.

Every figure comes from scipy/numpy or from a method independent of the Java one:
  - Welch: scipy.stats.ttest_ind(equal_var=False); its interval from stats.t.ppf;
  - the reduction's interval: the thetas where Welch's statistic for mean(on) - theta mean(off)
    (Satterthwaite df at the estimate) reaches the t quantile, found by brentq on each side of
    the estimate (Java solves the quadratic); unbounded when no such theta exists on a side;
  - with nodes as blocks: scipy.stats.ttest_rel over the per-node means, scipy.stats.wilcoxon
    (exact), and the interval of 1 - sum(on means) / sum(off means) by inverting Welch's test of
    sum(on means) - theta sum(off means), every node's arm mean independent (Satterthwaite df
    over all of them at the estimate);
  - the rank test: scipy.stats.permutation_test over every split, U from mannwhitneyu;
  - power: scipy.stats.nct, brentq for the minimal detectable effect, counting up from 3 runs;
  - Hedges' g with J = Gamma(df/2) / (sqrt(df/2) Gamma((df - 1)/2)) from scipy.special;
  - Holm: the adjusted p of a level is the smallest alpha at which Holm's sequential
    procedure (reject while p_(i) < alpha / (m - i + 1)) rejects it, found by bisection.
The verdict and the degenerate-arm flags follow the rules as documented (VerdictRule,
ArmStats, RunRecord.systemdResolution); those are definitions, not figures.
"""
import json
import sys

import numpy as np
from scipy import optimize, special, stats

ALPHA = 0.05
HZ = 100
W = 20_000_000_000  # ns in a 20 s window


def runs(level, arm, cores, node="lab", windows=None, offset=3_456):
    """Runs whose systemd ns are cores x window (+ a few ns so no value is a whole number of ticks)."""
    out = []
    for i, c in enumerate(cores):
        w = windows[i] if windows else W
        ns = 0 if c == 0 else int(round(c * w)) + offset
        out.append({"level": level, "arm": arm, "node": node, "schedNs": ns, "statTicks": ns * HZ // 1_000_000_000,
                    "measureNs": w})
    return out


def exact_runs(level, arm, pairs, node="lab"):
    """Runs given as (ns, window, ticks) exactly."""
    return [{"level": level, "arm": arm, "node": node, "schedNs": ns, "statTicks": ticks, "measureNs": w}
            for ns, w, ticks in pairs]


CAMPAIGNS = [
    {"name": "lab: the on arm at 0 ns in every run", "runs":
        runs("pods=200", "off", [0.2363, 0.2481, 0.2269], windows=[20_000_412_345, 20_001_007_771, 19_999_870_012])
        + runs("pods=200", "on", [0, 0, 0], windows=[20_000_101_010, 20_000_303_030, 19_999_990_101])},
    {"name": "four levels: ties, an outlier, a clear reduction, no change", "runs":
        runs("pods=50", "off", [0.031, 0.029, 0.031, 0.033, 0.029, 0.030, 0.031])
        + runs("pods=50", "on", [0.029, 0.027, 0.029, 0.030, 0.028, 0.029])
        + runs("pods=100", "off", [0.240, 0.251, 0.262, 0.247, 0.950])
        + runs("pods=100", "on", [0.200, 0.205, 0.198, 0.210, 0.202])
        + runs("pods=200", "off", [0.50, 0.52, 0.49, 0.51])
        + runs("pods=200", "on", [0.050, 0.052, 0.049, 0.051])
        + runs("pods=400", "off", [0.80, 0.83, 0.78, 0.81])
        + runs("pods=400", "on", [0.81, 0.79, 0.82, 0.80])},
    {"name": "degenerate: constant arms, an idle off arm, 2 runs, tick counters, an unbounded ratio", "runs":
        # both arms the same counter value in every window: float noise only
        exact_runs("pods=10", "off", [(22_000_001, 20_000_001_000, 2)] * 3)
        + exact_runs("pods=10", "on", [(2_000_000, 20_000_000_000, 0), (2_000_000, 20_000_000_000, 0),
                                       (2_000_000, 20_000_000_000, 0)])
        + runs("pods=20", "off", [0, 0, 0])
        + runs("pods=20", "on", [0.010, 0.012, 0.011])
        + runs("pods=30", "off", [0.25, 0.26])
        + runs("pods=30", "on", [0.020, 0.021])
        + runs("pods=40", "off", [0.10, 0.12, 0.11])
        # 2 ticks in each window (a probe without schedstat): constant at tick resolution
        + exact_runs("pods=40", "on", [(20_000_000, 20_001_000_000, 2), (20_000_000, 19_998_000_000, 2),
                                       (20_000_000, 20_003_000_000, 2)])
        + runs("pods=50", "off", [0.001, 0.050, 0.0005])
        + runs("pods=50", "on", [0.010, 0.012, 0.011])},
    {"name": "three nodes, two levels", "runs":
        runs("pods=100", "off", [0.100, 0.110, 0.120], node="node-a")
        + runs("pods=100", "on", [0.020, 0.025, 0.030], node="node-a")
        + runs("pods=100", "off", [0.300, 0.310, 0.320], node="node-b")
        + runs("pods=100", "on", [0.200, 0.210, 0.220], node="node-b")
        + runs("pods=100", "off", [0.500, 0.520, 0.540], node="node-c")
        + runs("pods=100", "on", [0.400, 0.410, 0.420], node="node-c")
        + runs("pods=200", "off", [0.41, 0.43, 0.39], node="node-a")
        + runs("pods=200", "on", [0.18, 0.20, 0.16], node="node-a")
        + runs("pods=200", "off", [0.45, 0.43, 0.47], node="node-b")
        + runs("pods=200", "on", [0.21, 0.19, 0.23], node="node-b")
        + runs("pods=200", "off", [0.40, 0.42, 0.44], node="node-c")
        + runs("pods=200", "on", [0.15, 0.17, 0.16], node="node-c")},
]


def cores(run):
    return run["schedNs"] / run["measureNs"]


def resolution(run):
    ticks = run["statTicks"] > 0 and run["schedNs"] == run["statTicks"] * 1_000_000_000 // HZ
    return (1e9 / HZ if ticks else 1) / run["measureNs"]


def arm(rs):
    v = np.array([cores(r) for r in rs])
    n = len(v)
    res = max(resolution(r) for r in rs)
    return {"n": n, "mean": float(np.mean(v)), "sd": float(np.std(v, ddof=1)) if n > 1 else float("nan"),
            "zeroRuns": sum(1 for r in rs if r["schedNs"] == 0), "resolution": res,
            "constant": bool(n >= 2 and v.max() - v.min() <= res)}, v


def welch(off, on):
    res = stats.ttest_ind(on, off, equal_var=False)
    vo, vn = np.var(off, ddof=1) / len(off), np.var(on, ddof=1) / len(on)
    df = (vo + vn) ** 2 / (vo ** 2 / (len(off) - 1) + vn ** 2 / (len(on) - 1))
    d = np.mean(on) - np.mean(off)
    half = stats.t.ppf(0.975, df) * np.sqrt(vo + vn)
    return {"t": float(res.statistic), "df": float(df), "p": float(res.pvalue)}, (d - half, d + half)


def fieller(statistic, estimate, t):
    """Both ends of {theta : statistic(theta) <= t} around the estimate, None when a side is unbounded."""
    def edge(direction):
        step = max(abs(estimate), 1e-3) * 1e-3
        while statistic(estimate + direction * step) < t:
            step *= 2
            if step > 1e9:
                return None
        ends = sorted((estimate, estimate + direction * step))
        return optimize.brentq(lambda th: statistic(th) - t, ends[0], ends[1], xtol=1e-15, rtol=1e-14)
    return edge(-1), edge(1)


def fieller_independent(off, on):
    mo, mn = np.mean(off), np.mean(on)
    vo, vn = np.var(off, ddof=1) / len(off), np.var(on, ddof=1) / len(on)
    est = mn / mo
    df = (vn + est ** 2 * vo) ** 2 / (vn ** 2 / (len(on) - 1) + est ** 4 * vo ** 2 / (len(off) - 1))
    t = stats.t.ppf(0.975, df)
    return fieller(lambda th: abs(mn - th * mo) / np.sqrt(vn + th ** 2 * vo), est, t)


def fieller_of_sums(off_samples, on_samples):
    so, sn = sum(np.mean(x) for x in off_samples), sum(np.mean(x) for x in on_samples)
    vo = [np.var(x, ddof=1) / len(x) for x in off_samples]
    vn = [np.var(x, ddof=1) / len(x) for x in on_samples]
    est = sn / so
    df = (sum(vn) + est ** 2 * sum(vo)) ** 2 / (
        sum(v ** 2 / (len(x) - 1) for v, x in zip(vn, on_samples))
        + est ** 4 * sum(v ** 2 / (len(x) - 1) for v, x in zip(vo, off_samples)))
    t = stats.t.ppf(0.975, df)
    return fieller(lambda th: abs(sn - th * so) / np.sqrt(sum(vn) + th ** 2 * sum(vo)), est, t)


def rank_test(on, off):
    res = stats.permutation_test((on, off), lambda a, b, axis: stats.mannwhitneyu(a, b, axis=axis).statistic,
                                 permutation_type="independent", vectorized=True, n_resamples=np.inf,
                                 alternative="two-sided")
    null = np.asarray(res.null_distribution)
    smallest = min(1.0, 2 * min(np.mean(null == null.min()), np.mean(null == null.max())))
    return {"u": float(res.statistic), "p": float(res.pvalue), "smallestP": float(smallest)}


def welch_power(delta, sd1, sd2, n1, n2):
    v1, v2 = sd1 ** 2 / n1, sd2 ** 2 / n2
    df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    ncp = abs(delta) / np.sqrt(v1 + v2)
    crit = stats.t.ppf(0.975, df)
    return stats.nct.sf(crit, df, ncp) + np.nan_to_num(stats.nct.cdf(-crit, df, ncp), nan=0.0)


def power(off, on):
    sd1, sd2, n1, n2 = np.std(off, ddof=1), np.std(on, ddof=1), len(off), len(on)
    high = np.sqrt(sd1 ** 2 / n1 + sd2 ** 2 / n2)
    while welch_power(high, sd1, sd2, n1, n2) < 0.8:
        high *= 2
    mde = optimize.brentq(lambda d: welch_power(d, sd1, sd2, n1, n2) - 0.8, 0, high, xtol=1e-18, rtol=1e-14)

    def needed(r):
        if np.mean(off) == 0:
            return -1
        n = 3
        while welch_power(r * np.mean(off), sd1, sd2, n, n) < 0.8:
            n += 1
        return n
    return float(mde), needed(0.10), needed(0.50)


def hedges_g(off, on):
    n1, n2 = len(off), len(on)
    df = n1 + n2 - 2
    sp = np.sqrt(((n1 - 1) * np.var(off, ddof=1) + (n2 - 1) * np.var(on, ddof=1)) / df)
    j = special.gamma(df / 2) / (np.sqrt(df / 2) * special.gamma((df - 1) / 2))
    return float((np.mean(on) - np.mean(off)) / sp * j)


def holm(p):
    """Each p's Holm-adjusted value: the smallest alpha at which the step-down procedure rejects it."""
    family = [x for x in p if not np.isnan(x)]

    def rejected(index, alpha):
        order = sorted(range(len(family)), key=lambda i: family[i])
        m = len(family)
        for rank, i in enumerate(order):
            if family[i] >= alpha / (m - rank):
                return False
            if i == index:
                return True
        return False

    out = []
    k = 0
    for x in p:
        if np.isnan(x):
            out.append(float("nan"))
            continue
        low, high = 0.0, 1.0
        if not rejected(k, 1.0 + 1e-12):
            out.append(1.0)
        else:
            for _ in range(200):
                mid = (low + high) / 2
                low, high = (low, mid) if rejected(k, mid) else (mid, high)
            out.append(high)
        k += 1
    return out


def level(level_runs):
    off_runs = [r for r in level_runs if r["arm"] == "off"]
    on_runs = [r for r in level_runs if r["arm"] == "on"]
    off_arm, off = arm(off_runs)
    on_arm, on = arm(on_runs)
    both_constant = off_arm["constant"] and on_arm["constant"]
    e = {"baseline": off_arm, "candidate": on_arm, "difference": float(np.mean(on) - np.mean(off))}
    if both_constant:
        e["welch"] = {"t": "NaN", "df": "NaN", "p": "NaN"}
        e["differenceCiLow"] = e["differenceCiHigh"] = "NaN"
    else:
        e["welch"], ci = welch(off, on)
        e["differenceCiLow"], e["differenceCiHigh"] = float(ci[0]), float(ci[1])
    ratio_defined = np.mean(off) != 0
    e["reduction"] = float(1 - np.mean(on) / np.mean(off)) if ratio_defined else "NaN"
    low = high = None
    if not ratio_defined:
        kind = "UNDEFINED"
    elif on_arm["zeroRuns"] == on_arm["n"]:
        kind = "EXACT"
    elif off_arm["constant"] or on_arm["constant"]:
        kind = "CONSTANT_ARM"
    else:
        low, high = fieller_independent(off, on)
        kind = "UNBOUNDED" if low is None or high is None else "ESTIMATED"
    e["reductionInterval"] = kind
    e["reductionCiLow"], e["reductionCiHigh"] = {
        "ESTIMATED": (float(1 - high) if high is not None else None, float(1 - low) if low is not None else None),
        "UNBOUNDED": ("-Infinity", "Infinity")}.get(kind, ("NaN", "NaN"))
    e["mannWhitney"] = rank_test(on, off)
    e["hedgesG"] = "NaN" if both_constant else hedges_g(off, on)
    e["cliffsDelta"] = float(np.mean(np.sign(on[:, None] - off[None, :])))
    if both_constant:
        e["minimalDetectableEffect"], e["repetitionsForTenPercent"], e["repetitionsForFiftyPercent"] = "NaN", -1, -1
    else:
        mde, ten, fifty = power(off, on)
        e["minimalDetectableEffect"] = mde
        e["repetitionsForTenPercent"] = ten
        e["repetitionsForFiftyPercent"] = fifty
    nodes = sorted({r["node"] for r in level_runs})
    if len(nodes) >= 2:
        e["blocked"] = blocked(level_runs, nodes)
    enough = off_arm["n"] >= 3 and on_arm["n"] >= 3
    varies = not e["blocked"]["constantDifferences"] if "blocked" in e else not both_constant
    if not enough or not varies:
        e["p"] = "NaN"
    else:
        e["p"] = e["blocked"]["pairedT"]["p"] if "blocked" in e else e["welch"]["p"]
    return e


def blocked(level_runs, nodes):
    off_samples = [np.array([cores(r) for r in level_runs if r["node"] == node and r["arm"] == "off"])
                   for node in nodes]
    on_samples = [np.array([cores(r) for r in level_runs if r["node"] == node and r["arm"] == "on"])
                  for node in nodes]
    off_means, on_means = [np.mean(x) for x in off_samples], [np.mean(x) for x in on_samples]
    d = np.asarray(on_means) - np.asarray(off_means)
    t = stats.ttest_rel(on_means, off_means)
    w = stats.wilcoxon(d, method="exact")
    low, high = fieller_of_sums(off_samples, on_samples)
    bounded = low is not None and high is not None
    return {"k": len(nodes), "difference": float(np.mean(d)),
            "pairedT": {"t": float(t.statistic), "df": float(t.df), "p": float(t.pvalue)},
            "wilcoxonP": float(w.pvalue), "constantDifferences": False,
            "reduction": float(1 - np.sum(on_means) / np.sum(off_means)),
            "reductionInterval": "ESTIMATED" if bounded else "UNBOUNDED",
            "reductionCiLow": float(1 - high) if bounded else "-Infinity",
            "reductionCiHigh": float(1 - low) if bounded else "Infinity"}


def verdict(e, holm_p):
    off, on = e["baseline"], e["candidate"]
    if off["n"] < 3 or on["n"] < 3:
        return "INSUFFICIENT_DATA", False
    if e["p"] == "NaN":
        return "UNTESTABLE", False
    source = e.get("blocked", e)
    interval_agrees = source["reductionInterval"] != "ESTIMATED" or not (
        source["reductionCiLow"] <= 0 <= source["reductionCiHigh"])
    difference = source["difference"]
    significant = holm_p < ALPHA and interval_agrees
    if "blocked" in e:
        check, reachable = e["blocked"]["wilcoxonP"], 2 / 2 ** e["blocked"]["k"] < ALPHA
    else:
        check, reachable = e["mannWhitney"]["p"], e["mannWhitney"]["smallestP"] < ALPHA
    fragile = reachable and (e["p"] < ALPHA) != (check < ALPHA)
    if significant and difference < 0:
        return "REDUCED", fragile
    if significant and difference > 0:
        return "INCREASED", fragile
    return "NO_SIGNIFICANT_DIFFERENCE", fragile


def campaign(c):
    levels = []
    for run in c["runs"]:
        if run["level"] not in levels:
            levels.append(run["level"])
    expected = [level([r for r in c["runs"] if r["level"] == name]) for name in levels]
    p = [float("nan") if e["p"] == "NaN" else e["p"] for e in expected]
    adjusted = holm(p)
    family = sum(1 for x in p if not np.isnan(x))
    for name, e, a in zip(levels, expected, adjusted):
        e["level"] = name
        e["holmP"] = "NaN" if np.isnan(a) else a
        e["holmLevels"] = family
        e["verdict"], e["fragile"] = verdict(e, a)
    return {"name": c["name"], "runs": c["runs"], "levels": expected}


def main():
    out = {"generator": "campaigns.py", "numpy": np.__version__, "scipy": __import__("scipy").__version__,
           "campaigns": [campaign(c) for c in CAMPAIGNS]}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
