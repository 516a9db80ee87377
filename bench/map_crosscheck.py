#!/usr/bin/env python3
"""Cross-checks and times Likeness' t-SNE, UMAP and PCA against openTSNE, umap-learn and scikit-learn
on the same vectors and threads.

Runs `likeness bench map --output DIR --json` (features cached under ~/.cache/likeness/bench/fashion,
the same files `likeness bench cluster-data` writes; then
PCA, t-SNE and UMAP in Swift, every vector written as .npy), then each Python peer in its own
process on DIR/vectors.npy with the same thread count, and prints for every map its time, the
peak resident memory of its process (data and interpreter included) and scikit-learn's
trustworthiness T(10) on the same seeded 5,000-point sample (DIR/sample.npy; both spaces
restricted to it). It also prints scikit-learn's PCA explained variance beside ours.

Peers: openTSNE (defaults: exact or Annoy neighbours, FFT gradients above 10,000 points, PCA
start, n_jobs = threads, random_state 1); umap-learn with n_jobs = threads and no seed (its
parallel path), and umap-learn with random_state 1 (which makes it run on one thread).

Usage: bench/map_crosscheck.py [--likeness .build/release/likeness] [--out /tmp/likeness-map]
           [--threads 2] [--limit N] [--reduce 50] [--peers opentsne,umap,umap-seeded] [--reuse]
"""
import argparse
import json
import os
import subprocess
import sys
import time


def peer(name, folder, threads):
    """Runs one peer in this process; prints its seconds and peak memory as JSON."""
    import numpy as np
    vectors = np.load(os.path.join(folder, "vectors.npy"))
    started = time.perf_counter()
    if name == "opentsne":
        from openTSNE import TSNE
        embedding = np.asarray(TSNE(n_jobs=threads, random_state=1).fit(vectors))
    elif name in ("umap", "umap-seeded"):
        import umap
        seed = {"random_state": 1} if name == "umap-seeded" else {}
        embedding = umap.UMAP(n_neighbors=15, min_dist=0.1, n_jobs=threads, **seed).fit_transform(vectors)
    elif name == "sklearn-tsne":
        from sklearn.manifold import TSNE
        embedding = TSNE(init="pca", random_state=1, n_jobs=threads).fit_transform(vectors)
    else:
        raise SystemExit(f"unknown peer {name}")
    seconds = time.perf_counter() - started
    np.save(os.path.join(folder, f"peer-{name}.npy"), embedding.astype(np.float32))
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork and exec, so a peer started by
    # this script (which held the raw vectors and scikit-learn's PCA) would report the parent's peak.
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--likeness", default=".build/release/likeness")
    parser.add_argument("--out", default="/tmp/likeness-map")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--reduce", type=int, default=50)
    parser.add_argument("--method", default="pixels")
    parser.add_argument("--peers", default="opentsne,umap,umap-seeded")
    parser.add_argument("--reuse", action="store_true", help="reuse the Swift run already in --out (its result.json)")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    args = parser.parse_args()
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS=str(args.threads),
               NUMBA_NUM_THREADS=str(args.threads), MKL_NUM_THREADS=str(args.threads))
    if args.peer:
        peer(args.peer, args.out, args.threads)
        return

    import numpy as np
    from sklearn.decomposition import PCA
    from sklearn.manifold import trustworthiness

    os.makedirs(args.out, exist_ok=True)
    result_file = os.path.join(args.out, "result.json")
    if not args.reuse:
        command = [args.likeness, "bench", "map", "--output", args.out, "--threads", str(args.threads),
                   "--reduce", str(args.reduce), "--method", args.method, "--json"]
        if args.limit:
            command += ["--limit", str(args.limit)]
        print("$ " + " ".join(command), file=sys.stderr)
        run = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env, check=True)
        with open(result_file, "w") as f:
            f.write(run.stdout)
    with open(result_file) as f:
        ours = json.load(f)

    vectors = np.load(os.path.join(args.out, "vectors.npy"))
    sample = np.load(os.path.join(args.out, "sample.npy"))
    k = ours["trustworthinessK"]
    print(f"{ours['vectors']} × {ours['dimension']} {ours['method']} vectors"
          + (f" → PCA {ours['reducedDimension']}" if ours["reducedDimension"] < ours["dimension"] else "")
          + f"; {args.threads} threads; load average at the start {os.getloadavg()[0]:.2f} (Swift run: {ours['loadAverage']:.2f})")

    if ours["pcaExplainedVariance"]:
        raw = np.load(ours["featuresFile"])
        started = time.perf_counter()
        theirs = PCA(n_components=len(ours["pcaExplainedVariance"]), svd_solver="full").fit(raw.astype(np.float64))
        seconds = time.perf_counter() - started
        mine = np.array(ours["pcaExplainedVariance"])
        relative = np.abs(mine - theirs.explained_variance_) / theirs.explained_variance_
        print(f"PCA explained variance ({len(mine)} components): largest relative difference to scikit-learn "
              f"{relative.max():.2e} (component {relative.argmax() + 1}); ratio sum ours {ours['pcaExplainedVarianceRatio']:.6f}, "
              f"scikit-learn {theirs.explained_variance_ratio_.sum():.6f}; ours {ours['pcaSeconds']:.2f} s, scikit-learn (full SVD, float64) {seconds:.2f} s")

    def trust(embedding):
        return trustworthiness(vectors[sample], embedding[sample], n_neighbors=k)

    rows = []
    for run in ours["runs"]:
        embedding = np.load(run["file"])
        rows.append((f"likeness {run['projection']}", run["seconds"], run["peakMegabytes"], trust(embedding), run["trustworthiness"]))
    for name in [p for p in args.peers.split(",") if p]:
        print(f"running {name}…", file=sys.stderr)
        out = subprocess.run([sys.executable, __file__, "--peer", name, "--out", args.out, "--threads", str(args.threads)],
                             stdout=subprocess.PIPE, text=True, env=env, check=True)
        measured = json.loads(out.stdout.strip().splitlines()[-1])
        embedding = np.load(os.path.join(args.out, f"peer-{name}.npy"))
        rows.append((name, measured["seconds"], measured["peak_mb"], trust(embedding), None))

    print(f"\n{'map':22} {'seconds':>8} {'peak MB':>8} {'T(' + str(k) + ') sklearn':>13} {'T ours':>8}")
    for name, seconds, peak, t, t_ours in rows:
        print(f"{name:22} {seconds:8.1f} {peak:8.0f} {t:13.4f} " + (f"{t_ours:8.4f}" if t_ours is not None else f"{'':8}"))
    by_name = {r[0]: r for r in rows}
    for mine, theirs in (("likeness tsne", "opentsne"), ("likeness umap", "umap"), ("likeness umap", "umap-seeded")):
        if mine in by_name and theirs in by_name:
            a, b = by_name[mine], by_name[theirs]
            print(f"{mine} vs {theirs}: T difference {a[3] - b[3]:+.4f}, time ratio {b[1] / a[1]:.2f}× (>1: ours faster)")


if __name__ == "__main__":
    main()
