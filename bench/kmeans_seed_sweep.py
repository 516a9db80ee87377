#!/usr/bin/env python3
"""Times Likeness' k-means and mini-batch k-means against scikit-learn's over several seeds.

A single seed's time is set by how many iterations its start walks (and, for mini-batch, when
early stopping fires), so one seed says little; this runs each side once per seed, alternating
ours and the peer so both see the same machine load, and prints a Markdown table with the
medians and the ratio of the medians.

Every run is its own process on the same .npy file with the same threads
(`likeness bench cluster` and bench/cluster_peer.py).

Usage:
  kmeans_seed_sweep.py LIKENESS VECTORS.npy [--algorithm kmeans|minibatch] [--k 10]
                       [--restarts 1] [--seeds 1,2,3,4,5] [--threads 2]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("likeness")
parser.add_argument("vectors")
parser.add_argument("--algorithm", choices=["kmeans", "minibatch"], default="kmeans")
parser.add_argument("--k", type=int, default=10)
parser.add_argument("--restarts", type=int, default=1)
parser.add_argument("--seeds", default="1,2,3,4,5")
parser.add_argument("--threads", type=int, default=2)
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS=str(args.threads))
common = ["--k", str(args.k), "--restarts", str(args.restarts), "--threads", str(args.threads)]


def run(command):
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout.strip()
    try:
        return json.loads(out)  # ours: one pretty-printed object
    except json.JSONDecodeError:
        return json.loads(out.splitlines()[-1])  # the peer: its last line


rows = []
for seed in [int(s) for s in args.seeds.split(",")]:
    ours = run([args.likeness, "bench", "cluster", args.vectors, "--algorithm", args.algorithm,
                "--seed", str(seed), "--json"] + common)
    peer = run([sys.executable, os.path.join(here, "cluster_peer.py"), args.algorithm, args.vectors,
                "--seed", str(seed)] + common)
    rows.append((seed, ours, peer))
    print(f"seed {seed}: likeness {ours['seconds']:.2f} s inertia {ours['inertia']:.6g}; "
          f"scikit-learn {peer['seconds']:.2f} s inertia {peer['inertia']:.6g}", file=sys.stderr)

load = os.getloadavg()[0]
seeds = [r[0] for r in rows]
print(f"{args.algorithm}, k={args.k}, {args.restarts} start(s), {args.threads} threads, "
      f"load average at the end {load:.2f}\n")
print("| seed | " + " | ".join(str(s) for s in seeds) + " | median |")
print("|---|" + "---:|" * (len(seeds) + 1))
for label, side, key, fmt in [("likeness, s", 1, "seconds", "{:.2f}"), ("scikit-learn, s", 2, "seconds", "{:.2f}"),
                              ("likeness inertia", 1, "inertia", "{:.6g}"), ("scikit-learn inertia", 2, "inertia", "{:.6g}")]:
    values = [r[side][key] for r in rows]
    print(f"| {label} | " + " | ".join(fmt.format(v) for v in values) + f" | {fmt.format(statistics.median(values))} |")
ours_median = statistics.median(r[1]["seconds"] for r in rows)
peer_median = statistics.median(r[2]["seconds"] for r in rows)
print(f"\nLikeness ÷ scikit-learn speed (ratio of the medians): {peer_median / ours_median:.2f}x")
