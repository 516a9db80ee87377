#!/usr/bin/env python3
"""Cross-checks every vector metric of `likeness compare --vectors` against SciPy and NumPy.

Seeded random inputs of four kinds are written as text vector files, one vector per line, and
compared row by row by Likeness (`likeness compare --vectors A B --metric ... --json`), then by:

- real vectors (dimensions 1 to 300, some with ties): scipy.spatial.distance cosine (1 - ours),
  euclidean, sqeuclidean, cityblock, chebyshev, minkowski (p = 3 and 1.5), correlation (1 - ours),
  numpy.dot, scipy.stats.pearsonr and scipy.stats.spearmanr;
- non-negative histograms with empty bins: weighted Jaccard sum(min)/sum(max) and the chi-square
  distance 0.5 * sum((x - y)^2 / (x + y)) in NumPy (SciPy has neither), and the 1-D EMD against
  scipy.stats.wasserstein_distance over bin positions 0..n-1;
- 0/1 vectors: scipy hamming (times n: ours counts positions; exact) and 1 - scipy jaccard;
- EMD with a ground-distance matrix (`--ground`), n supply by m demand bins, n != m allowed,
  against the transportation linear program solved by scipy.optimize.linprog (HiGHS).

Values are float32 written exactly (shortest float64 repr of each float32), so both sides compute
in float64 on the same numbers. Integer results must agree exactly; floats within 1e-6 relative
(plus 1e-12 absolute, for values at zero). Exits 1 on any mismatch.
Usage: metrics_crosscheck.py LIKENESS_BINARY [PAIRS_PER_KIND]
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import linprog
from scipy.spatial import distance
from scipy.stats import pearsonr, spearmanr, wasserstein_distance

likeness = sys.argv[1]
pairs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = np.random.default_rng(20)
folder = tempfile.mkdtemp(prefix="metrics_crosscheck_")
REL, ABS = 1e-6, 1e-12


def write(name, rows):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        for row in rows:
            f.write(",".join(repr(float(v)) for v in np.asarray(row, dtype=np.float32)) + "\n")
    return path


def run(a_rows, b_rows, metrics, ground=None):
    a, b = write("a.txt", a_rows), write("b.txt", b_rows)
    command = [likeness, "compare", "--vectors", a, b, "--json"] + [x for m in metrics for x in ("--metric", m)]
    if ground is not None:
        command += ["--ground", write("ground.txt", ground)]
    out = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    return [{cell["metric"]: cell.get("value") for cell in row["cells"]} for row in out["rows"]]


worst = {}
failures = 0


def check(metric, ours, theirs, exact=False):
    global failures
    if ours is None:
        failures += 1
        print(f"  {metric}: likeness gave no value where the peer gave {theirs}")
        return
    error = abs(ours - theirs)
    ok = error == 0 if exact else error <= REL * max(abs(ours), abs(theirs)) + ABS
    relative = error / max(abs(theirs), 1e-300) if theirs != 0 else error
    count, top = worst.get(metric, (0, 0.0))
    worst[metric] = (count + 1, max(top, relative))
    if not ok:
        failures += 1
        print(f"  MISMATCH {metric}: likeness {ours!r} peer {theirs!r}")


def f32(rows):
    return [np.asarray(r, dtype=np.float32).astype(np.float64) for r in rows]


# Real vectors; every fifth pair rounded to one decimal so ranks tie.
dims = rng.choice([1, 2, 3, 7, 64, 300], size=pairs)
A, B = [], []
for i, d in enumerate(dims):
    x, y = rng.normal(0, 1, d), rng.normal(0.3, 2, d)
    if i % 5 == 0:
        x, y = np.round(x, 1), np.round(y, 1)
    A.append(x)
    B.append(y)
real = ["cosine", "dot", "euclidean", "sqeuclidean", "manhattan", "chebyshev", "minkowski:3", "minkowski:1.5", "pearson", "spearman"]
rows = run(A, B, real)
for x, y, got in zip(f32(A), f32(B), rows):
    if np.any(x) and np.any(y):
        check("cosine", got["cosine"], 1 - distance.cosine(x, y))
    check("dot", got["dot"], float(np.dot(x, y)))
    check("euclidean", got["euclidean"], distance.euclidean(x, y))
    check("sqeuclidean", got["sqeuclidean"], distance.sqeuclidean(x, y))
    check("manhattan", got["manhattan"], distance.cityblock(x, y))
    check("chebyshev", got["chebyshev"], distance.chebyshev(x, y))
    check("minkowski:3", got["minkowski:3"], distance.minkowski(x, y, 3))
    check("minkowski:1.5", got["minkowski:1.5"], distance.minkowski(x, y, 1.5))
    if len(x) >= 2 and np.ptp(x) > 0 and np.ptp(y) > 0:
        check("pearson", got["pearson"], float(pearsonr(x, y).statistic))
        check("pearson (1 - scipy correlation)", got["pearson"], 1 - distance.correlation(x, y))
        check("spearman", got["spearman"], float(spearmanr(x, y).statistic))
    elif got["pearson"] is not None:
        failures += 1
        print(f"  pearson on a constant vector gave {got['pearson']} instead of an error")

# Non-negative histograms of unit mass with empty bins.
A, B = [], []
for d in rng.choice([2, 5, 16, 88, 256], size=pairs):
    x, y = rng.random(d) * (rng.random(d) > 0.3), rng.random(d) * (rng.random(d) > 0.3)
    x[0] += 1e-3
    y[-1] += 1e-3  # never all zero
    A.append(x / x.sum())
    B.append(y / y.sum())
rows = run(A, B, ["jaccard", "chi2", "emd"])
for x, y, got in zip(f32(A), f32(B), rows):
    check("jaccard (weighted)", got["jaccard"], float(np.minimum(x, y).sum() / np.maximum(x, y).sum()))
    s = x + y
    nz = s > 0
    check("chi2", got["chi2"], float(0.5 * np.sum((x[nz] - y[nz]) ** 2 / s[nz])))
    bins = np.arange(len(x))
    check("emd (1-D)", got["emd"], wasserstein_distance(bins, bins, x, y))

# 0/1 vectors.
A, B = [], []
for d in rng.choice([1, 8, 64, 256], size=pairs):
    A.append((rng.random(d) < 0.4).astype(float))
    B.append((rng.random(d) < 0.4).astype(float))
rows = run(A, B, ["hamming", "jaccard"])
for x, y, got in zip(f32(A), f32(B), rows):
    check("hamming (bits)", got["hamming"], float(round(distance.hamming(x, y) * len(x))), exact=True)
    if np.any(x) or np.any(y):
        check("jaccard (bits)", got["jaccard"], 1 - distance.jaccard(x.astype(bool), y.astype(bool)))

# EMD over a ground-distance matrix, one matrix per run (the matrix fixes the lengths).
for n, m in [(3, 3), (5, 8), (12, 7), (30, 30)]:
    ground = rng.random((n, m)) * 10
    A = [rng.random(n) * (rng.random(n) > 0.2) + 1e-3 for _ in range(max(1, pairs // 10))]
    B = [rng.random(m) * (rng.random(m) > 0.2) + 1e-3 for _ in range(len(A))]
    A, B = [a / a.sum() for a in A], [b / b.sum() for b in B]
    rows = run(A, B, ["emd"], ground=ground)
    g = np.asarray(ground, dtype=np.float32).astype(np.float64)
    for a, b, got in zip(f32(A), f32(B), rows):
        a, b = a / a.sum(), b / b.sum()
        equality = np.zeros((n + m, n * m))
        for i in range(n):
            equality[i, i * m:(i + 1) * m] = 1
        for j in range(m):
            equality[n + j, j::m] = 1
        lp = linprog(g.ravel(), A_eq=equality, b_eq=np.concatenate([a, b]), bounds=(0, None), method="highs",
                     options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
        check(f"emd (ground {n}x{m})", got["emd"], lp.fun)

print(f"{'metric':34} {'pairs':>6} {'max relative error':>20}")
for metric, (count, top) in worst.items():
    print(f"{metric:34} {count:6d} {top:20.3g}")
print("all agree" if failures == 0 else f"{failures} mismatches")
sys.exit(1 if failures else 0)
