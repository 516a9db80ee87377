#!/usr/bin/env python3
"""Cross-checks and times Likeness' clustering against scikit-learn and hdbscan on the same vectors.

Every run, ours (`likeness bench cluster`) and each peer (bench/cluster_peer.py), is its own
process on the same .npy file with the same thread count, so times and peak memory compare.

  crosscheck  (default) on the first --limit vectors (default 5000):
              k-means inertia against scikit-learn's best of 10 starts (target: within 1 %),
              DBSCAN labels against scikit-learn's (target: identical up to renaming),
              HDBSCAN ARI against scikit-learn's and against the hdbscan library's (target
              >= 0.95; the library's Boruvka counts min_samples without the point itself, so
              ours runs with min_samples + 1 beside it), Agglomerative
              (Ward, average) ARI against scikit-learn's.
  bench       k-means (k=10) on VECTORS and HDBSCAN on REDUCED (all rows): time, peak memory,
              ARI and NMI against the classes, ours beside the peers'.

Usage:
  cluster_crosscheck.py LIKENESS VECTORS.npy CLASSES.npy [--limit 5000] [--threads 2]
  cluster_crosscheck.py LIKENESS VECTORS.npy CLASSES.npy --bench --reduced REDUCED.npy [--min-cluster-size 100]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from sklearn import metrics
from sklearn.neighbors import NearestNeighbors

parser = argparse.ArgumentParser()
parser.add_argument("likeness")
parser.add_argument("vectors")
parser.add_argument("classes")
parser.add_argument("--limit", type=int, default=5000)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--bench", action="store_true")
parser.add_argument("--reduced")
parser.add_argument("--min-cluster-size", type=int, default=100)
parser.add_argument("--min-samples", type=int, default=10)
parser.add_argument("--skip-sklearn-hdbscan", action="store_true", help="sklearn's exact Prim takes minutes at 70,000")
parser.add_argument("--exact-hdbscan", action="store_true", help="also the hdbscan library with approx_min_span_tree=False")
args = parser.parse_args()
peer = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cluster_peer.py")
work = tempfile.mkdtemp(prefix="likeness-cluster-")


def ours(algorithm, vectors, limit=None, **options):
    path = os.path.join(work, f"ours-{algorithm}-{options.get('linkage', '')}.npy")
    command = [args.likeness, "bench", "cluster", vectors, "--classes", args.classes, "--algorithm", algorithm,
               "--threads", str(args.threads), "--save-labels", path, "--json"]
    if limit:
        command += ["--limit", str(limit)]
    for key, value in options.items():
        command += ["--" + key.replace("_", "-"), str(value)]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    result["labels"] = np.load(path)
    return result


def theirs(algorithm, vectors, limit=None, **options):
    path = os.path.join(work, f"peer-{algorithm}-{options.get('linkage', '')}.npy")
    command = [sys.executable, peer, algorithm, vectors, "--classes", args.classes, "--threads", str(args.threads),
               "--save-labels", path]
    if limit:
        command += ["--limit", str(limit)]
    for key, value in options.items():
        command += ["--" + key.replace("_", "-"), str(value)]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    result["labels"] = np.load(path)
    return result


def identical_up_to_renaming(a, b):
    """True when a and b are the same partition with the same noise points; also the points that differ."""
    pairs = {}
    for x, y in zip(a.tolist(), b.tolist()):
        pairs.setdefault(x, {}).setdefault(y, 0)
        pairs[x][y] += 1
    agreeing = sum(max(counts.values()) for counts in pairs.values())
    same_noise = bool(((a == -1) == (b == -1)).all())
    return metrics.adjusted_rand_score(a, b) == 1.0 and same_noise, len(a) - agreeing


def row(name, result, reference=None):
    line = f"{name:30} {result['points']:6d}x{result['dimension']:<4d} {result['seconds']:8.2f} s {result['peakResidentMegabytes']:7.0f} MB"
    line += f"  clusters {result['clusters']:4d} noise {result['noise']:6d}"
    if result.get("adjustedRandIndex") is not None:
        line += f"  ARI {result['adjustedRandIndex']:.3f} NMI {result['normalizedMutualInformation']:.3f}"
    if result.get("inertia"):
        line += f"  inertia {result['inertia']:.6g}"
    if reference is not None:
        line += f"  ARI vs ours {metrics.adjusted_rand_score(reference, result['labels']):.3f}"
    print(line, flush=True)


print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; threads {args.threads}; vectors {args.vectors}")
if args.bench:
    reduced = args.reduced or args.vectors
    mine = ours("kmeans", args.vectors, k=10, restarts=1)
    row("likeness kmeans k=10 (1 start)", mine)
    row("sklearn KMeans (n_init=1)", theirs("kmeans", args.vectors, k=10, restarts=1), mine["labels"])
    mine = ours("kmeans", args.vectors, k=10, restarts=3)
    row("likeness kmeans k=10 (3 starts)", mine)
    row("sklearn KMeans (n_init=3)", theirs("kmeans", args.vectors, k=10, restarts=3), mine["labels"])
    mine = ours("minibatch", args.vectors, k=10, restarts=3)
    row("likeness minibatch k=10", mine)
    row("sklearn MiniBatchKMeans", theirs("minibatch", args.vectors, k=10, restarts=3), mine["labels"])
    options = {"min_cluster_size": args.min_cluster_size, "min_samples": args.min_samples}
    mine = ours("hdbscan", reduced, **options)
    row(f"likeness hdbscan mcs={args.min_cluster_size} ms={args.min_samples}", mine)
    if not args.skip_sklearn_hdbscan:
        row("sklearn HDBSCAN (same definition)", theirs("hdbscan-sklearn", reduced, **options), mine["labels"])
    # The hdbscan library counts min_samples without the point itself: ours with one more matches it.
    shifted = ours("hdbscan", reduced, min_cluster_size=args.min_cluster_size, min_samples=args.min_samples + 1)
    row(f"likeness hdbscan mcs={args.min_cluster_size} ms={args.min_samples + 1}", shifted)
    row("hdbscan library", theirs("hdbscan", reduced, **options), shifted["labels"])
    if args.exact_hdbscan:
        row("hdbscan library (exact MST)", theirs("hdbscan-exact", reduced, **options), shifted["labels"])
    sys.exit(0)

limit = args.limit
failures = []
# k-means: our default 3 starts against scikit-learn's best of 10.
mine = ours("kmeans", args.vectors, limit, k=10, restarts=3)
best = theirs("kmeans", args.vectors, limit, k=10, restarts=10)
row("likeness kmeans (3 starts)", mine)
row("sklearn KMeans (best of 10)", best, mine["labels"])
ratio = mine["inertia"] / best["inertia"]
print(f"  inertia ours / sklearn best of 10 = {ratio:.4f} (target <= 1.01)")
if ratio > 1.01:
    failures.append("kmeans inertia")

# DBSCAN at an eps where about half the points are core (median 5th-neighbour distance).
points = np.load(args.vectors)[:limit]
distances, _ = NearestNeighbors(n_neighbors=5).fit(points).kneighbors(points)
for quantile in (0.3, 0.5):
    eps = float(np.quantile(distances[:, -1], quantile))
    mine = ours("dbscan", args.vectors, limit, eps=eps, min_samples=5)
    peer_result = theirs("dbscan", args.vectors, limit, eps=eps, min_samples=5)
    row(f"likeness dbscan eps={eps:.4g}", mine)
    row("sklearn DBSCAN", peer_result, mine["labels"])
    same, differing = identical_up_to_renaming(mine["labels"], peer_result["labels"])
    print(f"  labels identical up to renaming: {same} ({differing} points differ)")
    if not same:
        failures.append(f"dbscan eps={eps:.4g}")

# The hdbscan library's default Boruvka counts min_samples neighbours without the point itself
# (core distance = distance to the (min_samples + 1)-th point, itself counted); scikit-learn and
# Likeness count the point. So ours runs with min_samples + 1 against the library.
for min_cluster_size, min_samples in ((25, 10), (50, None)):
    options = {"min_cluster_size": min_cluster_size}
    if min_samples:
        options["min_samples"] = min_samples
    shifted = {"min_cluster_size": min_cluster_size, "min_samples": (min_samples or min_cluster_size) + 1}
    mine = ours("hdbscan", args.vectors, limit, **options)
    mine_shifted = ours("hdbscan", args.vectors, limit, **shifted)
    lib = theirs("hdbscan", args.vectors, limit, **options)
    exact = theirs("hdbscan-exact", args.vectors, limit, **options)
    sk = theirs("hdbscan-sklearn", args.vectors, limit, **options)
    row(f"likeness hdbscan {options}", mine)
    row("sklearn HDBSCAN", sk, mine["labels"])
    row(f"likeness hdbscan {shifted}", mine_shifted)
    row("hdbscan library (default)", lib, mine_shifted["labels"])
    row("hdbscan library (exact MST)", exact, mine_shifted["labels"])
    versus_sklearn = metrics.adjusted_rand_score(mine["labels"], sk["labels"])
    versus_library = metrics.adjusted_rand_score(mine_shifted["labels"], lib["labels"])
    versus_exact = metrics.adjusted_rand_score(mine_shifted["labels"], exact["labels"])
    library_self = metrics.adjusted_rand_score(lib["labels"], exact["labels"])
    print(f"  ARI ours vs sklearn {versus_sklearn:.4f}; ours (min_samples + 1) vs the hdbscan library with an exact "
          f"MST {versus_exact:.4f} (target >= 0.95), vs its default approximate MST {versus_library:.4f} "
          f"(the library's approximate vs its exact: {library_self:.4f})")
    if versus_exact < 0.95 or versus_sklearn < 0.95:
        failures.append(f"hdbscan {options}")

for linkage in ("ward", "average"):
    mine = ours("agglomerative", args.vectors, min(limit, 5000), k=10, linkage=linkage)
    peer_result = theirs("agglomerative", args.vectors, min(limit, 5000), k=10, linkage=linkage)
    row(f"likeness agglomerative {linkage}", mine)
    row(f"sklearn Agglomerative {linkage}", peer_result, mine["labels"])

print("all targets met" if not failures else "targets missed: " + ", ".join(failures))
