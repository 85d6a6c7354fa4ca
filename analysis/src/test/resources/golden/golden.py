#!/usr/bin/python3
"""Expected values for the analysis module's golden tests, from an independent implementation.

Run with scipy (1.17 wrote the committed file):

    python3 golden.py > expected.json

The Java tests read expected.json only (the build does not run python). Every figure is
computed here by scipy/numpy's own routines or by a method independent of the Java one (test
inversion by root finding where Java solves a quadratic, the noncentral t of scipy where Java
sums Lenth's series, enumeration of permutations where Java counts by recurrence).
Conventions, matching the Java API:
  - "baseline" is arm a, "candidate" arm b;
  - Welch and Mann-Whitney are computed as scipy's f(candidate, baseline): t has the sign of
    mean(candidate) - mean(baseline) and U is the candidate's U;
  - Mann-Whitney's p is exact, ties included: scipy.stats.permutation_test over every split
    of the pooled values, U from scipy.stats.mannwhitneyu, two-sided as permutation_test
    defines it (twice the smaller tail); smallestP is the smallest p any split gives.
  - Hedges' g = (mean(b) - mean(a)) / pooled sd * J, J = Gamma(df/2) / (sqrt(df/2)
    Gamma((df - 1)/2)) with scipy.special.gamma, df = n1 + n2 - 2;
    Cliff's delta = P(b > a) - P(b < a); both straight from numpy.
  - power: Welch's test at alpha 0.05, power 0.8, from scipy.stats.nct; the minimal
    detectable effect by brentq on the noncentrality, runs per arm by counting up from 3.
  - fieller: the 95% set of theta = mean(candidate) / mean(baseline), found as the thetas
    where Welch's statistic for mean(b) - theta mean(a) (Satterthwaite df at the estimate)
    reaches the t quantile, by brentq on each side of the estimate; reduction = 1 - theta.
"""
import json
import sys

import numpy as np
from scipy import optimize, special, stats

DATASETS = [
    {
        "name": "unequal variances, exact Mann-Whitney",
        "baseline": [0.2512, 0.2634, 0.2411, 0.2788, 0.2456, 0.2590],
        "candidate": [0.0213, 0.0198, 0.0244, 0.0187, 0.0229],
        "fit": {"x": [500, 500, 500, 1000, 1000, 1000, 2000, 2000, 2000, 4000, 4000, 4000],
                "y": [0.031, 0.036, 0.029, 0.058, 0.063, 0.061, 0.118, 0.121, 0.113, 0.244, 0.236, 0.241]},
    },
    {
        "name": "ties",
        "baseline": [0.31, 0.29, 0.31, 0.33, 0.29, 0.30, 0.31],
        "candidate": [0.29, 0.27, 0.29, 0.30, 0.28, 0.29],
        "fit": {"x": [10, 10, 20, 20, 40, 40, 80],
                "y": [0.02, 0.03, 0.05, 0.04, 0.09, 0.08, 0.17]},
    },
    {
        "name": "n = 3",
        "baseline": [0.2481, 0.2553, 0.2512],
        "candidate": [0.0201, 0.0219, 0.0195],
        "fit": {"x": [100, 200, 400], "y": [0.051, 0.093, 0.171]},
    },
    {
        "name": "zero-variance candidate arm",
        "baseline": [0.252, 0.247, 0.259, 0.244],
        "candidate": [0.0125, 0.0125, 0.0125, 0.0125],
        "fit": {"x": [1200, 2400, 4800, 9600], "y": [0.07, 0.13, 0.26, 0.49]},
    },
    {
        "name": "n = 12, overlapping",
        "baseline": [0.2511, 0.2734, 0.2298, 0.2465, 0.2603, 0.2389, 0.2712, 0.2556, 0.2421, 0.2647, 0.2333, 0.2578],
        "candidate": [0.2402, 0.2544, 0.2217, 0.2368, 0.2491, 0.2286, 0.2613, 0.2459, 0.2339, 0.2525, 0.2251, 0.2477],
        "fit": {"x": [3.1, 7.4, 12.2, 18.9, 25.0, 31.7, 38.2, 44.8, 51.5, 58.3, 64.0, 71.9],
                "y": [0.012, 0.021, 0.035, 0.049, 0.061, 0.080, 0.091, 0.112, 0.118, 0.141, 0.150, 0.171]},
    },
    {
        "name": "unequal n and variances, asymptotic Mann-Whitney",
        "baseline": [0.21, 0.35, 0.28, 0.19, 0.41, 0.26, 0.33, 0.24, 0.30],
        "candidate": [0.101, 0.098, 0.104, 0.097],
        "fit": {"x": [1, 2, 3, 4, 5], "y": [2.1, 3.9, 6.2, 7.8, 10.1]},
    },
    {
        "name": "exact Mann-Whitney, overlapping, n = 8 and 7",
        "baseline": [0.112, 0.131, 0.098, 0.124, 0.109, 0.141, 0.117, 0.103],
        "candidate": [0.101, 0.119, 0.094, 0.108, 0.099, 0.126, 0.113],
        "fit": {"x": [5, 5, 10, 10], "y": [1.0, 1.2, 2.1, 1.9]},
    },
]


def descriptive(v):
    v = np.asarray(v, dtype=float)
    n = len(v)
    mean = float(np.mean(v))
    sd = float(np.std(v, ddof=1))
    sem = sd / np.sqrt(n)
    q = stats.t.ppf(0.975, n - 1)
    return {"n": n, "mean": mean, "median": float(np.median(v)), "sd": sd,
            "ciLow": mean - q * sem, "ciHigh": mean + q * sem}


def welch(x, y):
    """Welch's test of mean(x) - mean(y), and its 95% interval."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    res = stats.ttest_ind(x, y, equal_var=False)
    vx, vy = np.var(x, ddof=1) / len(x), np.var(y, ddof=1) / len(y)
    df = (vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1))
    d = np.mean(x) - np.mean(y)
    half = stats.t.ppf(0.975, df) * np.sqrt(vx + vy)
    return {"t": float(res.statistic), "df": float(df), "p": float(res.pvalue),
            "difference": float(d), "ciLow": float(d - half), "ciHigh": float(d + half)}


def mann_whitney(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)

    def u(a, b, axis):
        return stats.mannwhitneyu(a, b, axis=axis).statistic

    res = stats.permutation_test((x, y), u, permutation_type="independent", vectorized=True,
                                 n_resamples=np.inf, alternative="two-sided")
    null = np.asarray(res.null_distribution)
    smallest = min(1.0, 2 * min(np.mean(null == null.min()), np.mean(null == null.max())))
    return {"u": float(res.statistic), "p": float(res.pvalue), "exact": True, "smallestP": float(smallest)}


def hedges_g(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    n1, n2 = len(a), len(b)
    df = n1 + n2 - 2
    sp = np.sqrt(((n1 - 1) * np.var(a, ddof=1) + (n2 - 1) * np.var(b, ddof=1)) / df)
    j = special.gamma(df / 2) / (np.sqrt(df / 2) * special.gamma((df - 1) / 2))
    return float((np.mean(b) - np.mean(a)) / sp * j)


def cliffs_delta(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.mean(np.sign(b[:, None] - a[None, :])))


def fit(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    r = stats.linregress(x, y)
    q = stats.t.ppf(0.975, len(x) - 2)
    return {"n": len(x), "slope": float(r.slope), "intercept": float(r.intercept),
            "r2": float(r.rvalue ** 2), "slopeStdErr": float(r.stderr),
            "slopeCiLow": float(r.slope - q * r.stderr), "slopeCiHigh": float(r.slope + q * r.stderr)}


def welch_power(delta, sd1, sd2, n1, n2):
    """Power of Welch's two-sided test at alpha 0.05 for a true difference delta, from scipy's nct."""
    v1, v2 = sd1 ** 2 / n1, sd2 ** 2 / n2
    df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    ncp = abs(delta) / np.sqrt(v1 + v2)
    crit = stats.t.ppf(0.975, df)
    # the lower tail is below 1e-15 wherever scipy's nct.cdf returns NaN for it (far out)
    return stats.nct.sf(crit, df, ncp) + np.nan_to_num(stats.nct.cdf(-crit, df, ncp), nan=0.0)


def minimal_detectable_effect(sd1, sd2, n1, n2):
    se = np.sqrt(sd1 ** 2 / n1 + sd2 ** 2 / n2)
    high = se
    while welch_power(high, sd1, sd2, n1, n2) < 0.8:
        high *= 2
    delta = optimize.brentq(lambda d: welch_power(d, sd1, sd2, n1, n2) - 0.8, 0, high, xtol=1e-15 * se, rtol=1e-14)
    return float(delta)


def runs_needed(sd1, sd2, target):
    n = 3
    while welch_power(target, sd1, sd2, n, n) < 0.8:
        n += 1
    return n


def power(a, b):
    sd1, sd2 = np.std(a, ddof=1), np.std(b, ddof=1)
    return {"minimalDetectableEffect": minimal_detectable_effect(sd1, sd2, len(a), len(b)),
            "repetitionsForTenPercent": runs_needed(sd1, sd2, 0.10 * np.mean(a)),
            "repetitionsForFiftyPercent": runs_needed(sd1, sd2, 0.50 * np.mean(a))}


def fieller(a, b):
    """The 95% set of mean(b) / mean(a) by inverting Welch's test of mean(b) - theta mean(a) = 0."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    ma, mb = np.mean(a), np.mean(b)
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    est = mb / ma
    df = (vb + est ** 2 * va) ** 2 / (vb ** 2 / (len(b) - 1) + est ** 4 * va ** 2 / (len(a) - 1))
    t = stats.t.ppf(0.975, df)

    def excess(theta):
        return abs(mb - theta * ma) / np.sqrt(vb + theta ** 2 * va) - t

    def edge(direction):
        step = max(abs(est), 1e-3) * 1e-3
        while excess(est + direction * step) < 0:
            step *= 2
            if step > 1e12:
                return None
        ends = sorted((est, est + direction * step))
        return optimize.brentq(excess, ends[0], ends[1], xtol=1e-15, rtol=1e-14)

    low, high = edge(-1), edge(1)
    if low is None or high is None:
        return {"reduction": float(1 - est), "shape": "UNBOUNDED",
                "reductionCiLow": "-Infinity", "reductionCiHigh": "Infinity", "df": float(df)}
    return {"reduction": float(1 - est), "shape": "BOUNDED",
            "reductionCiLow": float(1 - high), "reductionCiHigh": float(1 - low), "df": float(df)}


def noncentral_t():
    """scipy's noncentral t CDF on a grid, for the Java series it is checked against (points
    where scipy returns NaN, far in a lower tail, are left out)."""
    grid = []
    for df in (1.3, 2, 3.7, 8, 30):
        for ncp in (0, 0.5, 2.5, 6, 14):
            for t in (-3, -0.4, 0.8, 2.2, 5, 11):
                cdf = float(stats.nct.cdf(t, df, ncp))
                if not np.isnan(cdf):
                    grid.append({"t": t, "df": df, "ncp": ncp, "cdf": cdf})
    return grid


def main():
    out = {"generator": "golden.py", "numpy": np.__version__,
           "scipy": __import__("scipy").__version__, "noncentralT": noncentral_t(), "datasets": []}
    for d in DATASETS:
        a, b = np.asarray(d["baseline"], float), np.asarray(d["candidate"], float)
        out["datasets"].append({
            "name": d["name"],
            "baseline": d["baseline"],
            "candidate": d["candidate"],
            "descriptiveBaseline": descriptive(a),
            "descriptiveCandidate": descriptive(b),
            "welch": welch(b, a),
            "mannWhitney": mann_whitney(b, a),
            "hedgesG": hedges_g(a, b),
            "cliffsDelta": cliffs_delta(a, b),
            "power": power(a, b),
            "fieller": fieller(a, b),
            "fit": {"x": d["fit"]["x"], "y": d["fit"]["y"], **fit(d["fit"]["x"], d["fit"]["y"])},
        })
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
