#!/usr/bin/python3
"""Expected values for the cost model's golden test (CostModelGoldenTest), computed here from
the textbook matrix formulas with numpy and scipy, independently of the Java code.

    /usr/bin/python3 cost_model.py > cost-model.json

The Java test reads cost-model.json only; the build does not run python.

  - the line: ordinary least squares, numpy.linalg.lstsq on X = [1, x];
  - equal-variance standard error of the slope: scipy.stats.linregress;
  - HC3 (MacKinnon and White 1985), as statsmodels' cov_type="HC3" defines it:
      cov = (X'X)^-1 X' diag(e_i^2 / (1 - h_i)^2) X (X'X)^-1,  h = diag(X (X'X)^-1 X'),
    its 95% interval with Student's t on n - 2 degrees of freedom;
  - per level: the mean of its runs' residuals over sd / sqrt(n) (sd with ddof 1), against
    t.ppf(1 - 0.05 / (2 m), n - 1) for the m levels with at least 2 runs (Bonferroni); a level
    whose residuals do not vary (sd <= 1e-9 cores) has t = 0 when |mean| <= 1e-9, else +-inf;
    a level of 1 run is not checked (t and critical null). (With fewer than 3 levels of 2 runs
    the Java model checks none: a line goes through any two; every dataset here has 3 or more.)
"""
import json
import math

import numpy as np
from scipy import stats

DATASETS = [
    {
        # spread growing with the load, as on the lab: sd about 0.2% of a core at 25 pods, 8% at 500
        "name": "dose-response, heteroscedastic",
        "levels": ["pods=25"] * 3 + ["pods=100"] * 3 + ["pods=250"] * 3 + ["pods=500"] * 3,
        "x": [409, 411, 407, 1543, 1540, 1546, 3794, 3790, 3799, 7545, 7540, 7551],
        "y": [0.0440, 0.0472, 0.0453, 0.1290, 0.1030, 0.1523, 0.2810, 0.3190, 0.3069, 0.6100, 0.7650, 0.6833],
    },
    {
        # CPU convex in the mounts: a line through 4 levels misses the middle ones
        "name": "convex, the line misses levels",
        "levels": ["pods=50"] * 3 + ["pods=100"] * 3 + ["pods=200"] * 3 + ["pods=400"] * 3,
        "x": [500, 500, 500, 1000, 1000, 1000, 2000, 2000, 2000, 4000, 4000, 4000],
        "y": [0.0055, 0.0056, 0.0054, 0.0121, 0.0119, 0.0120, 0.0283, 0.0279, 0.0281, 0.0720, 0.0724, 0.0716],
    },
    {
        "name": "unequal runs per level, one level alone",
        "levels": ["pods=10", "pods=20", "pods=20", "pods=40", "pods=40", "pods=40",
                   "pods=80", "pods=80", "pods=80", "pods=80"],
        "x": [150, 290, 310, 600, 580, 610, 1190, 1220, 1200, 1210],
        "y": [0.012, 0.024, 0.029, 0.051, 0.055, 0.049, 0.101, 0.118, 0.097, 0.109],
    },
    {
        "name": "exact line",
        "levels": ["pods=100"] * 2 + ["pods=200"] * 2 + ["pods=400"] * 2,
        "x": [1000, 1000, 2000, 2000, 4000, 4000],
        "y": [0.03, 0.03, 0.05, 0.05, 0.09, 0.09],
    },
]

RESOLUTION = 1e-9


def fit(d):
    x = np.array(d["x"], dtype=float)
    y = np.array(d["y"], dtype=float)
    n = len(x)
    X = np.column_stack([np.ones(n), x])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ beta
    xtx_inv = np.linalg.inv(X.T @ X)
    h = np.diag(X @ xtx_inv @ X.T)
    omega = np.diag(e ** 2 / (1 - h) ** 2)
    cov = xtx_inv @ X.T @ omega @ X @ xtx_inv
    hc3 = math.sqrt(cov[1, 1])
    t = stats.t.ppf(0.975, n - 2)
    ols = stats.linregress(x, y)
    levels = list(dict.fromkeys(d["levels"]))
    groups = {lv: e[[i for i, l in enumerate(d["levels"]) if l == lv]] for lv in levels}
    m = sum(1 for g in groups.values() if len(g) >= 2)
    residuals = []
    for lv in levels:
        g = groups[lv]
        if len(g) < 2:
            residuals.append({"level": lv, "n": len(g), "meanResidual": float(g.mean()), "t": None,
                              "critical": None, "missed": False})
            continue
        sd = g.std(ddof=1)
        if sd <= RESOLUTION:
            tv = 0.0 if abs(g.mean()) <= RESOLUTION else math.copysign(math.inf, g.mean())
        else:
            tv = g.mean() / (sd / math.sqrt(len(g)))
        crit = stats.t.ppf(1 - 0.05 / (2 * m), len(g) - 1)
        residuals.append({"level": lv, "n": len(g), "meanResidual": float(g.mean()),
                          "t": float(tv) if math.isfinite(tv) else str(tv), "critical": float(crit),
                          "missed": bool(abs(tv) > crit)})
    return {
        "name": d["name"], "levels": d["levels"], "x": d["x"], "y": d["y"],
        "n": n, "slope": float(beta[1]), "intercept": float(beta[0]), "r2": float(ols.rvalue ** 2),
        "slopeStdErr": float(ols.stderr), "robustStdErr": hc3,
        "robustCiLow": float(beta[1] - t * hc3), "robustCiHigh": float(beta[1] + t * hc3),
        "residuals": residuals,
    }


if __name__ == "__main__":
    print(json.dumps({"datasets": [fit(d) for d in DATASETS]}, indent=2))
