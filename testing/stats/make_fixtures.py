"""Fixtures for src-main/stats, computed independently with scipy (run: python3 testing/stats/make_fixtures.py).

Writes testing/stats/fixtures.json next to this file. Requires scipy >= 1.11 (written with 1.17.1, numpy 2.4).
Every number the TypeScript tests compare against comes from scipy or from a direct formula written here, never
from the TypeScript code. Samples are generated once from a fixed numpy seed and stored in the JSON, so the tests
read the very same data.
"""
import json
import math
import pathlib

import numpy as np
import scipy
from scipy import special, stats

rng = np.random.default_rng(20261201)


def floats(x):
    return [float(v) for v in x]


def welch(a, b):
    r = stats.ttest_ind(a, b, equal_var=False)
    ci = r.confidence_interval(0.95)
    return {"t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue), "ciLow": float(ci.low), "ciHigh": float(ci.high)}


def hedges_g(a, b):
    """Pooled-SD standardised difference times the exact correction Γ(ν/2)/(√(ν/2)Γ((ν−1)/2))."""
    a, b = np.asarray(a), np.asarray(b)
    nu = len(a) + len(b) - 2
    sp = math.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / nu)
    j = special.gamma(nu / 2) / (math.sqrt(nu / 2) * special.gamma((nu - 1) / 2))
    return float((a.mean() - b.mean()) / sp * j)


def superiority(a, b):
    """P(A > B) + ½ P(A = B) over all pairs, by brute force."""
    wins = sum(1.0 if x > y else 0.5 if x == y else 0.0 for x in a for y in b)
    return wins / (len(a) * len(b))


def unpaired_case(name, a, b):
    a, b = floats(a), floats(b)
    case = {"name": name, "a": a, "b": b, "welch": welch(a, b)}
    ties = len(set(a + b)) < len(a) + len(b)
    mwu = {}
    for method in ("auto", "asymptotic", "exact"):
        r = stats.mannwhitneyu(a, b, method=method)
        mwu[method] = {"u": float(r.statistic), "p": float(r.pvalue)}
    mwu["autoIsExact"] = bool(not ties and min(len(a), len(b)) <= 8)
    case["mannWhitney"] = mwu
    case["hedgesG"] = hedges_g(a, b)
    ps = superiority(a, b)
    case["pSuperiority"] = ps
    case["cliffsDelta"] = 2 * ps - 1
    return case


def paired_case(name, a, b):
    a, b = floats(a), floats(b)
    r = stats.ttest_rel(a, b)
    ci = r.confidence_interval(0.95)
    d = np.asarray(a) - np.asarray(b)
    nz = d[d != 0]
    ties = len(set(np.abs(nz))) < len(nz)
    zeros = int(np.sum(d == 0))
    case = {
        "name": name, "a": a, "b": b,
        "pairedT": {"t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue), "ciLow": float(ci.low), "ciHigh": float(ci.high)},
        "zeros": zeros, "ties": bool(ties),
    }
    w = {}
    auto = stats.wilcoxon(a, b)  # zero_method='wilcox', correction=False, method='auto'
    w["auto"] = {"statistic": float(auto.statistic), "p": float(auto.pvalue)}
    asym = stats.wilcoxon(a, b, method="asymptotic")
    w["asymptotic"] = {"statistic": float(asym.statistic), "p": float(asym.pvalue), "z": float(asym.zstatistic)}
    cont = stats.wilcoxon(a, b, method="asymptotic", correction=True)
    w["asymptoticContinuity"] = {"statistic": float(cont.statistic), "p": float(cont.pvalue)}
    pratt = stats.wilcoxon(a, b, method="asymptotic", zero_method="pratt")
    w["prattAsymptotic"] = {"statistic": float(pratt.statistic), "p": float(pratt.pvalue)}
    if not ties and zeros == 0:
        ex = stats.wilcoxon(a, b, method="exact")
        w["exact"] = {"statistic": float(ex.statistic), "p": float(ex.pvalue)}
    # scipy's 'auto' rule: exact without ties/zeros up to 50 pairs; permutation (exact enumeration) up to 13 with them.
    w["autoIsExact"] = bool((not ties and zeros == 0 and len(a) <= 50) or ((ties or zeros > 0) and len(a) <= 13))
    case["wilcoxon"] = w
    case["pSuperiorityPaired"] = float(np.mean(np.where(d > 0, 1.0, np.where(d == 0, 0.5, 0.0))))
    return case


unpaired = [
    unpaired_case("small, no ties", [1.2, 3.4, 2.2, 5.1, 0.7], [2.9, 4.4, 6.1, 3.8, 5.5, 7.0]),
    unpaired_case("small, ties", [1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 6]),
    unpaired_case("3 vs 12, no ties", [0.31, 0.52, 0.47], floats(np.round(rng.normal(0.6, 0.1, 12), 4))),
    unpaired_case("9 vs 10, no ties", floats(np.round(rng.normal(0, 1, 9), 5)), floats(np.round(rng.normal(0.8, 1.5, 10), 5))),
    unpaired_case("30 vs 30, rounded (ties)", floats(np.round(rng.normal(0.10, 0.02, 30), 3)), floats(np.round(rng.normal(0.11, 0.03, 30), 3))),
    unpaired_case("25 vs 40, heavy ties", floats(rng.integers(0, 6, 25)), floats(rng.integers(1, 7, 40))),
    unpaired_case("issue example shape (u = 0)", [1, 2, 3], [4, 5, 6, 7]),
    unpaired_case("8 vs 60, no ties (exact with a long tail)", floats(rng.normal(0.3, 1, 8)), floats(rng.normal(0, 1, 60))),
    unpaired_case("20 vs 25, no ties", floats(rng.normal(0.5, 1, 20)), floats(rng.normal(0, 1, 25))),
]

base30 = rng.normal(1.0, 0.2, 30)
base60 = rng.normal(5.0, 1.0, 60)
base40 = np.round(rng.normal(2.0, 0.5, 40), 1)
paired = [
    paired_case("8 pairs, no ties", [3.1, 2.7, 4.4, 3.9, 2.2, 5.0, 3.3, 4.1], [2.8, 3.05, 3.6, 3.15, 2.45, 4.12, 3.37, 3.19]),
    paired_case("10 pairs, zeros and ties", [5, 3, 4, 6, 2, 7, 4, 5, 3, 6], [4, 3, 2, 6, 3, 5, 2, 5, 1, 4]),
    paired_case("12 pairs, ties, no zeros", [1.5, 2.5, 3.0, 4.0, 2.0, 6.5, 3.5, 1.0, 2.5, 5.0, 4.5, 3.0],
                [1.0, 3.0, 2.0, 3.0, 2.5, 5.5, 2.5, 2.0, 1.5, 4.5, 3.5, 2.0]),
    paired_case("30 pairs, continuous", floats(base30 + rng.normal(0.05, 0.1, 30)), floats(base30)),
    paired_case("50 pairs, continuous (largest auto-exact)", floats(base60[:50] + rng.normal(0.15, 0.5, 50)), floats(base60[:50])),
    paired_case("60 pairs, continuous", floats(base60 + rng.normal(-0.2, 0.8, 60)), floats(base60)),
    paired_case("40 pairs, rounded (ties and zeros)", floats(np.round(base40 + rng.normal(0.1, 0.3, 40), 1)), floats(base40)),
]


def corrected_t(d, n_train, n_test):
    """Weka's PairedCorrectedTTester: t = mean / sqrt((1/k + nTest/nTrain) var), df = k − 1."""
    d = np.asarray(d)
    k = len(d)
    se = math.sqrt((1 / k + n_test / n_train) * d.var(ddof=1))
    t = d.mean() / se
    q = stats.t.ppf(0.975, k - 1)
    return {"t": float(t), "df": k - 1, "p": float(2 * stats.t.sf(abs(t), k - 1)),
            "ciLow": float(d.mean() - q * se), "ciHigh": float(d.mean() + q * se)}


corrected = [
    {"name": "10×10-fold CV", "differences": floats(np.round(rng.normal(0.01, 0.02, 100), 5)), "nTrain": 900, "nTest": 100},
    {"name": "5×2 holdout 2/3", "differences": floats(np.round(rng.normal(-0.03, 0.05, 10), 5)), "nTrain": 200, "nTest": 100},
]
for c in corrected:
    c["expected"] = corrected_t(c["differences"], c["nTrain"], c["nTest"])


def friedman_case(name, table):
    table = np.asarray(table, dtype=float)
    n, k = table.shape
    r = stats.friedmanchisquare(*[table[:, j] for j in range(k)])
    chi = float(r.statistic)
    f = (n - 1) * chi / (n * (k - 1) - chi)
    ranks_low = np.mean([stats.rankdata(row) for row in table], axis=0)
    ranks_high = np.mean([stats.rankdata(-row) for row in table], axis=0)
    # Nemenyi pairwise p: |R_i − R_j| / √(k(k+1)/(6N)) · √2 against the studentized range of k means at ∞ df.
    se = math.sqrt(k * (k + 1) / (6 * n))
    nemenyi_p = [[float(stats.studentized_range.sf(abs(ri - rj) / se * math.sqrt(2), k, np.inf)) if i != j else 1.0
                  for j, rj in enumerate(ranks_low)] for i, ri in enumerate(ranks_low)]
    return {"name": name, "table": table.tolist(), "chiSquare": chi, "p": float(r.pvalue), "f": float(f), "nemenyiP": nemenyi_p,
            "fP": float(stats.f.sf(f, k - 1, (k - 1) * (n - 1))),
            "averageRanksLowerBetter": floats(ranks_low), "averageRanksHigherBetter": floats(ranks_high)}


friedmans = [
    friedman_case("10 repeats × 4 configurations", rng.normal([0.20, 0.22, 0.21, 0.25], 0.02, (10, 4))),
    friedman_case("30 repeats × 3, rounded (ties)", np.round(rng.normal([1.0, 1.02, 1.05], 0.03, (30, 3)), 2)),
    friedman_case("6 repeats × 5, integers (ties)", rng.integers(0, 4, (6, 5))),
]

nemenyi_q = {str(alpha): [float(stats.studentized_range.ppf(1 - alpha, k, np.inf) / math.sqrt(2)) for k in range(2, 11)]
             for alpha in (0.05, 0.1)}


def holm(p):
    p = np.asarray(p); m = len(p); order = np.argsort(p, kind="stable"); out = np.empty(m)
    for rank, i in enumerate(order):
        out[i] = min(1.0, max((m - j) * p[order[j]] for j in range(rank + 1)))
    return floats(out)


def bh(p):
    p = np.asarray(p); m = len(p); order = np.argsort(p, kind="stable"); out = np.empty(m)
    for rank, i in enumerate(order):
        out[i] = min(1.0, min(m * p[order[j]] / (j + 1) for j in range(rank, m)))
    return floats(out)


p_families = [
    [0.01, 0.04, 0.03, 0.005],
    [0.038, 0.18, 0.5, 0.001, 0.02, 0.02, 0.9],
    [0.2, 0.3, 0.6],
    floats(np.round(rng.uniform(0, 0.1, 12), 4)),
]
adjust = []
for p in p_families:
    adjust.append({"p": floats(p), "holm": holm(p), "bh": bh(p), "bhScipy": floats(stats.false_discovery_control(p)),
                   "bonferroni": floats(np.minimum(1, np.asarray(p) * len(p)))})

hedges_j = {str(df): float(special.gamma(df / 2) / (math.sqrt(df / 2) * special.gamma((df - 1) / 2))) for df in (2, 5, 10, 28, 58, 100)}

out = {
    "generator": f"testing/stats/make_fixtures.py, scipy {scipy.__version__}, numpy {np.__version__}",
    "unpaired": unpaired, "paired": paired, "corrected": corrected, "friedman": friedmans,
    "nemenyiQ": nemenyi_q, "adjust": adjust, "hedgesCorrection": hedges_j,
}
path = pathlib.Path(__file__).with_name("fixtures.json")
path.write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {path}")
