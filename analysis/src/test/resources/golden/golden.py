#!/usr/bin/python3
"""Expected values for the analysis module's golden tests, from an independent implementation.

Run once with Debian's scipy (apt-get install python3-scipy; use /usr/bin/python3):

    /usr/bin/python3 golden.py > expected.json

The Java tests read expected.json only (CI does not run python). Conventions, matching the
Java API:
  - "baseline" is arm a, "candidate" arm b;
  - Welch and Mann-Whitney are computed as scipy's f(candidate, baseline): t has the sign of
    mean(candidate) - mean(baseline) and U is the candidate's U;
  - Mann-Whitney uses method='exact' when both n <= 8 and the pooled data has no ties, else
    'asymptotic' (tie and continuity correction), as the Java class does. (scipy's 'auto'
    would also go exact when only one sample is small.)
  - Hedges' g = (mean(b) - mean(a)) / pooled sd * (1 - 3 / (4 (n1 + n2) - 9));
    Cliff's delta = P(b > a) - P(b < a); both straight from numpy.
  - bootstrap: numpy's own generator (seed 12345), 200000 resamples, each arm resampled
    independently with replacement, percentile 2.5/97.5 with linear interpolation.
"""
import json
import sys

import numpy as np
from scipy import stats

Z_A = stats.norm.ppf(0.975)
Z_B = stats.norm.ppf(0.8)

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
    pooled = np.concatenate([x, y])
    ties = len(np.unique(pooled)) != len(pooled)
    method = "exact" if len(x) <= 8 and len(y) <= 8 and not ties else "asymptotic"
    res = stats.mannwhitneyu(x, y, alternative="two-sided", method=method, use_continuity=True)
    return {"u": float(res.statistic), "p": float(res.pvalue), "method": method}


def hedges_g(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    n1, n2 = len(a), len(b)
    sp = np.sqrt(((n1 - 1) * np.var(a, ddof=1) + (n2 - 1) * np.var(b, ddof=1)) / (n1 + n2 - 2))
    return float((np.mean(b) - np.mean(a)) / sp * (1 - 3 / (4 * (n1 + n2) - 9)))


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


def power(a, b):
    sd1, sd2 = np.std(a, ddof=1), np.std(b, ddof=1)
    n1, n2 = len(a), len(b)
    mde = (Z_A + Z_B) * np.sqrt(sd1 ** 2 / n1 + sd2 ** 2 / n2)

    def reps(r):
        return max(2, int(np.ceil((Z_A + Z_B) ** 2 * (sd1 ** 2 + sd2 ** 2) / (r * np.mean(a)) ** 2)))

    return {"zAlpha": float(Z_A), "zBeta": float(Z_B), "minimalDetectableEffect": float(mde),
            "repetitionsForTenPercent": reps(0.10), "repetitionsForFiftyPercent": reps(0.50)}


def bootstrap(a, b, resamples=200_000, seed=12345):
    a, b = np.asarray(a, float), np.asarray(b, float)
    rng = np.random.default_rng(seed)
    ma = a[rng.integers(0, len(a), size=(resamples, len(a)))].mean(axis=1)
    mb = b[rng.integers(0, len(b), size=(resamples, len(b)))].mean(axis=1)
    red = 1 - mb / ma
    diff = mb - ma
    return {"resamples": resamples,
            "reduction": float(1 - np.mean(b) / np.mean(a)),
            "reductionCiLow": float(np.percentile(red, 2.5)), "reductionCiHigh": float(np.percentile(red, 97.5)),
            "differenceCiLow": float(np.percentile(diff, 2.5)), "differenceCiHigh": float(np.percentile(diff, 97.5))}


def main():
    out = {"generator": "golden.py", "numpy": np.__version__,
           "scipy": __import__("scipy").__version__, "datasets": []}
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
            "bootstrap": bootstrap(a, b),
            "fit": {"x": d["fit"]["x"], "y": d["fit"]["y"], **fit(d["fit"]["x"], d["fit"]["y"])},
        })
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
