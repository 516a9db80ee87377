#!/usr/bin/env python3
"""Runs one Python clustering peer on a float32 .npy file, in its own process, and prints JSON.

Peers: scikit-learn KMeans, MiniBatchKMeans, DBSCAN, HDBSCAN and AgglomerativeClustering, and the
hdbscan library's HDBSCAN, by default (approximate spanning tree) and with approx_min_span_tree=False
(`hdbscan-exact`). Time is the fit alone (loading excluded); peak memory is the process's
peak resident set (VmHWM: ru_maxrss would carry a parent script's peak across exec), imports
included, as `likeness bench cluster` reports its own.
Usage: cluster_peer.py ALGORITHM VECTORS.npy [--classes C.npy] [--threads 2] [...]; see --help.
"""
import argparse
import json
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("algorithm", choices=["kmeans", "minibatch", "dbscan", "hdbscan", "hdbscan-exact", "hdbscan-sklearn", "agglomerative"])
parser.add_argument("vectors")
parser.add_argument("--classes")
parser.add_argument("--limit", type=int)
parser.add_argument("--k", type=int, default=10)
parser.add_argument("--restarts", type=int, default=1, help="n_init")
parser.add_argument("--eps", type=float, default=0.5)
parser.add_argument("--min-samples", type=int)
parser.add_argument("--min-cluster-size", type=int, default=5)
parser.add_argument("--linkage", default="ward")
parser.add_argument("--batch-size", type=int, default=1024)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--save-labels")
args = parser.parse_args()

# Thread counts must be set before numpy loads OpenBLAS/OpenMP.
for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[name] = str(args.threads)

import time  # noqa: E402

import numpy as np  # noqa: E402


def peak_megabytes():
    """This process's own peak resident memory (Linux VmHWM), in MB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
from sklearn import cluster, metrics  # noqa: E402

points = np.load(args.vectors)
classes = np.load(args.classes) if args.classes else None
if args.limit:
    points = points[: args.limit]
    classes = classes[: args.limit] if classes is not None else None
points = np.ascontiguousarray(points)

started = time.perf_counter()
inertia = None
if args.algorithm == "kmeans":
    model = cluster.KMeans(n_clusters=args.k, n_init=args.restarts, random_state=args.seed).fit(points)
    labels, inertia = model.labels_, float(model.inertia_)
elif args.algorithm == "minibatch":
    model = cluster.MiniBatchKMeans(n_clusters=args.k, n_init=args.restarts, batch_size=args.batch_size,
                                    random_state=args.seed).fit(points)
    labels, inertia = model.labels_, float(model.inertia_)
elif args.algorithm == "dbscan":
    labels = cluster.DBSCAN(eps=args.eps, min_samples=args.min_samples or 5, n_jobs=args.threads).fit_predict(points)
elif args.algorithm == "hdbscan":
    import hdbscan

    labels = hdbscan.HDBSCAN(min_cluster_size=args.min_cluster_size, min_samples=args.min_samples,
                             core_dist_n_jobs=args.threads).fit_predict(points)
elif args.algorithm == "hdbscan-exact":
    import hdbscan

    labels = hdbscan.HDBSCAN(min_cluster_size=args.min_cluster_size, min_samples=args.min_samples,
                             core_dist_n_jobs=args.threads, approx_min_span_tree=False).fit_predict(points)
elif args.algorithm == "hdbscan-sklearn":
    labels = cluster.HDBSCAN(min_cluster_size=args.min_cluster_size, min_samples=args.min_samples,
                             n_jobs=args.threads).fit_predict(points)
else:
    labels = cluster.AgglomerativeClustering(n_clusters=args.k, linkage=args.linkage).fit_predict(points)
seconds = time.perf_counter() - started

result = {
    "algorithm": args.algorithm,
    "points": int(points.shape[0]),
    "dimension": int(points.shape[1]),
    "seconds": seconds,
    "peakResidentMegabytes": peak_megabytes(),
    "clusters": int(len(set(labels.tolist()) - {-1})),
    "noise": int((labels == -1).sum()),
    "inertia": inertia,
    "threads": args.threads,
}
if classes is not None:
    result["adjustedRandIndex"] = float(metrics.adjusted_rand_score(classes, labels))
    result["normalizedMutualInformation"] = float(metrics.normalized_mutual_info_score(classes, labels))
if args.save_labels:
    np.save(args.save_labels, labels.astype(np.int64))
json.dump(result, sys.stdout)
print()
