#!/usr/bin/env python3
"""Exact top-k search by every vector metric: `likeness bench metrics` against SciPy's cdist.

Writes N seeded non-negative unit-mass histograms of D bins (default 20,000 x 256, float32, so
every metric is defined on them: chi2, weighted Jaccard and the 1-D EMD included) to a .npy file,
runs `likeness bench metrics FILE --queries Q --metric M ... --json` (the first Q rows are the
queries; Likeness times adding the vectors and the search, not process start or reading), and in
the same run times the peer on the same queries: `scipy.spatial.distance.cdist(Q, X, metric)`
followed by `argpartition` for the top k (one thread: cdist is a C loop; NumPy's BLAS is set to 1
thread). Metrics SciPy lacks are NumPy expressions, vectorised per query (chi2, weighted Jaccard)
or cdist on transformed rows (Spearman: cdist correlation of the rows' ranks, ranking timed; 1-D
EMD: cdist cityblock of the cumulative sums, the closed form). Agreement: the mean overlap of the
two top-k id sets per query (ties can swap ids at the k-th place).

Usage: metric_scan_peer.py LIKENESS [--count 20000] [--dimension 256] [--queries 200] [--k 10] [--seed 5]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from scipy.spatial.distance import cdist  # noqa: E402
from scipy.stats import rankdata  # noqa: E402


def chi2(q, x):
    return np.stack([0.5 * np.sum(np.where(x + row > 0, (x - row) ** 2 / np.maximum(x + row, 1e-300), 0), axis=1) for row in q])


def weighted_jaccard(q, x):
    return np.stack([np.minimum(x, row).sum(axis=1) / np.maximum(x, row).sum(axis=1) for row in q])


PEERS = {
    # name: (function of (queries, vectors) giving a Q x N matrix, higher is closer, peer description)
    "cosine": (lambda q, x: cdist(q, x, "cosine"), False, "cdist cosine"),
    "euclidean": (lambda q, x: cdist(q, x, "euclidean"), False, "cdist euclidean"),
    "sqeuclidean": (lambda q, x: cdist(q, x, "sqeuclidean"), False, "cdist sqeuclidean"),
    "manhattan": (lambda q, x: cdist(q, x, "cityblock"), False, "cdist cityblock"),
    "chebyshev": (lambda q, x: cdist(q, x, "chebyshev"), False, "cdist chebyshev"),
    "minkowski:3": (lambda q, x: cdist(q, x, "minkowski", p=3), False, "cdist minkowski p=3"),
    "pearson": (lambda q, x: cdist(q, x, "correlation"), False, "cdist correlation"),
    "spearman": (lambda q, x: cdist(rankdata(q, axis=1), rankdata(x, axis=1), "correlation"), False, "rankdata + cdist correlation"),
    "jaccard": (weighted_jaccard, True, "NumPy min/max sums per query"),
    "chi2": (chi2, False, "NumPy expression per query"),
    "emd": (lambda q, x: cdist(np.cumsum(q, axis=1), np.cumsum(x, axis=1), "cityblock"), False, "cdist cityblock of cumulative sums"),
}


def top_k(scores, k, higher):
    keyed = -scores if higher else scores
    part = np.argpartition(keyed, k, axis=1)[:, :k]
    return part


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("likeness")
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--dimension", type=int, default=256)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--metrics", default=",".join(PEERS))
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    raw = rng.gamma(0.5, size=(args.count, args.dimension))
    raw[rng.random(raw.shape) < 0.2] = 0
    raw[:, 0] += 1e-3
    vectors = (raw / raw.sum(axis=1, keepdims=True)).astype(np.float32)
    queries = vectors[: args.queries]
    metrics = args.metrics.split(",")
    print(f"{args.count} vectors x {args.dimension}, {args.queries} queries, top {args.k}; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "vectors.npy")
        np.save(path, vectors)
        command = [args.likeness, "bench", "metrics", path, "--queries", str(args.queries), "--k", str(args.k),
                   "--repeats", str(args.repeats), "--json"] + sum((["--metric", m] for m in metrics), [])
        ours = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    q64, x64 = queries.astype(np.float64), vectors.astype(np.float64)
    comparisons = args.count * args.queries
    print(f"likeness on {ours['threads']} threads, peer on 1; load average {os.getloadavg()[0]:.2f}")
    print("| metric | Likeness path | Likeness | peer | peer | Likeness / peer | top-k overlap |")
    print("|---|---|---:|---|---:|---:|---:|")
    for row in ours["rows"]:
        name = row["metric"]
        function, higher, description = PEERS[name]
        best = None
        for _ in range(args.repeats):
            started = time.perf_counter()
            found = top_k(function(q64, x64), args.k, higher)
            seconds = time.perf_counter() - started
            best = seconds if best is None else min(best, seconds)
        overlap = np.mean([len(set(a) & set(b)) / args.k for a, b in zip(found.tolist(), row["neighbours"])])
        print(f"| {name} | {'BLAS' if row['blas'] else 'scan'} | {comparisons / row['seconds'] / 1e6:.1f} M/s ({row['seconds']:.3f} s) "
              f"| {description} | {comparisons / best / 1e6:.1f} M/s ({best:.3f} s) | {best / row['seconds']:.2f}x | {overlap:.4f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
