#!/usr/bin/env python3
"""Peers of `likeness bench ann`: faiss-cpu and hnswlib on the same vectors and settings.

Reads what `likeness bench ann --data DIR --json > DIR/likeness.json` wrote (base.fvecs,
query.fvecs, groundtruth.ivecs and the JSON result), builds each index likeness measured with
faiss-cpu (the same FAISS through Python) and each HNSW setting also with hnswlib, measures them
the same way (cosine as inner product of unit vectors; build on --threads; queries one per call on
one thread, and in one batch on --threads; recall@1/@10 against likeness's exact answers; size of
the index file), and prints a table with likeness/peer ratios.

Run through bench/ann.sh, or: python bench/ann_peer.py DIR

faiss-cpu loads its AVX2 build on CPUs that have it; Debian's libfaiss (what likeness links) is a
generic x86-64 build. FAISS_DISABLE_CPU_FEATURES=AVX2 makes faiss-cpu load its generic build too,
which compares the wrappers alone.
"""
import json
import os
import sys
import tempfile
import time

import numpy as np


def read_vecs(path, dtype):
    raw = np.fromfile(path, dtype=np.int32)
    d = int(raw[0])
    rows = raw.reshape(-1, d + 1)[:, 1:]
    return np.ascontiguousarray(rows.view(dtype))


def unit(x):
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return np.ascontiguousarray((x / norms).astype(np.float32))


def parse_kind(text):
    name, _, rest = text.partition(":")
    params = {}
    for item in filter(None, rest.split(",")):
        key, _, value = item.partition("=")
        params[key.strip().lower()] = int(value)
    return name, params


def recall(found, truth):
    at1 = float(np.mean(found[:, 0] == truth[:, 0]))
    at10 = sum(len(set(f[:10]) & set(t[:10])) for f, t in zip(found, truth)) / (10 * len(truth))
    return at1, at10


def structure(kind_text):
    """The kind without its search setting (ef, nprobe): rows with the same structure share one build."""
    name, p = parse_kind(kind_text)
    return name, tuple(sorted((k, v) for k, v in p.items() if k not in ("ef", "efsearch", "nprobe")))


def measure(labels, build, search_one, search_batch, save, retune, queries, truth, threads, set_threads):
    """Builds once, then one row per (label, kind text): the first as built, the others retuned."""
    set_threads(threads)
    started = time.perf_counter()
    index = build()
    build_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "index")
        save(index, path)
        size_mb = os.path.getsize(path) / 1048576
    rows = []
    for number, (label, kind_text) in enumerate(labels):
        if number:
            retune(index, parse_kind(kind_text)[1])
        set_threads(threads)
        started = time.perf_counter()
        search_batch(index, queries)
        batched = len(queries) / (time.perf_counter() - started)
        set_threads(1)
        found = np.empty((len(queries), 10), dtype=np.int64)
        started = time.perf_counter()
        for i in range(len(queries)):
            found[i] = search_one(index, queries[i:i + 1])
        single = len(queries) / (time.perf_counter() - started)
        set_threads(threads)
        at1, at10 = recall(found, truth)
        rows.append(dict(index=label, buildSeconds=build_s, indexMegabytes=size_mb, recallAt1=at1, recallAt10=at10,
                         queriesPerSecondSingle=single, queriesPerSecondBatched=batched))
    return rows


def faiss_rows(kind_texts, base, queries, truth, threads):
    import faiss

    name, p = parse_kind(kind_texts[0])
    d = base.shape[1]
    ip = faiss.METRIC_INNER_PRODUCT

    def build():
        if name == "hnsw":
            index = faiss.IndexHNSWFlat(d, p["m"], ip)
            index.hnsw.efConstruction = p["efconstruction"]
            index.hnsw.efSearch = p["ef"]
            index.add(base)
            return index
        quantizer = faiss.IndexFlatIP(d)
        if name == "ivfpq":
            index = faiss.IndexIVFPQ(quantizer, d, p["nlist"], p["m"], p["nbits"], ip)
        else:
            index = faiss.IndexIVFFlat(quantizer, d, p["nlist"], ip)
        index.own_fields = True
        quantizer.this.disown()
        # As likeness's shim: no FAISS warning below 39 training points per centroid.
        index.cp.min_points_per_centroid = 1
        if name == "ivfpq":
            index.pq.cp.min_points_per_centroid = 1
        n, train = len(base), p["train"]
        rows = base if train >= n else base[(np.arange(train) * n) // train]
        index.train(rows)
        index.add(base)
        index.nprobe = p["nprobe"]
        return index

    def retune(index, q):
        if name == "hnsw":
            index.hnsw.efSearch = q["ef"]
        else:
            index.nprobe = q["nprobe"]

    build_kind = "avx2" if getattr(faiss.loader, "has_AVX2", False) else "generic"
    return measure([(f"faiss-cpu {faiss.__version__} {build_kind} {text}", text) for text in kind_texts], build,
                   lambda index, q: index.search(q, 10)[1][0],
                   lambda index, q: index.search(q, 10),
                   lambda index, path: faiss.write_index(index, path),
                   retune, queries, truth, threads, faiss.omp_set_num_threads)


def hnswlib_rows(kind_texts, base, queries, truth, threads):
    import hnswlib

    _, p = parse_kind(kind_texts[0])
    state = {"threads": threads}

    def build():
        index = hnswlib.Index(space="ip", dim=base.shape[1])
        index.init_index(max_elements=len(base), ef_construction=p["efconstruction"], M=p["m"], random_seed=1)
        index.add_items(base, np.arange(len(base)), num_threads=state["threads"])
        index.set_ef(p["ef"])
        return index

    def set_threads(n):
        state["threads"] = n

    version = getattr(hnswlib, "__version__", "0.8.0")
    return measure([(f"hnswlib {version} {text}", text) for text in kind_texts], build,
                   lambda index, q: index.knn_query(q, k=10, num_threads=1)[0][0],
                   lambda index, q: index.knn_query(q, k=10, num_threads=state["threads"]),
                   lambda index, path: index.save_index(path),
                   lambda index, q: index.set_ef(q["ef"]),
                   queries, truth, threads, set_threads)


def main():
    directory = sys.argv[1]
    with open(os.path.join(directory, "likeness.json")) as f:
        ours = json.load(f)
    base = unit(read_vecs(os.path.join(directory, "base.fvecs"), np.float32))
    queries = unit(read_vecs(os.path.join(directory, "query.fvecs"), np.float32))
    truth = read_vecs(os.path.join(directory, "groundtruth.ivecs"), np.int32)
    threads = ours["threads"]
    print(f"{ours['vectors']} x {ours['dimension']}-d, {ours['queries']} queries, cosine, {threads} threads")
    header = f"{'index':<72} {'build s':>8} {'size MB':>8} {'R@1':>6} {'R@10':>6} {'q/s 1-thr':>10} {'q/s batch':>10}"
    print(header)

    def show(row):
        print(f"{row['index'][:72]:<72} {row['buildSeconds']:8.1f} {row['indexMegabytes']:8.1f} {row['recallAt1']:6.3f} "
              f"{row['recallAt10']:6.3f} {row['queriesPerSecondSingle']:10.0f} {row['queriesPerSecondBatched']:10.0f}")

    peers = []
    groups = {}
    for row in ours["rows"]:
        show(dict(row, index=f"likeness {row['index']}"))
        if row["index"] != "exact":
            groups.setdefault(structure(row["index"]), []).append(row)
    # One build per structure; rows that differ only in ef or nprobe search it retuned, as likeness did.
    for rows in groups.values():
        texts = [row["index"] for row in rows]
        for peer in faiss_rows(texts, base, queries, truth, threads) + (
                hnswlib_rows(texts, base, queries, truth, threads) if texts[0].startswith("hnsw") else []):
            show(peer)
            peers.append((next(row for row in rows if peer["index"].endswith(" " + row["index"])), peer))
    print()
    print("ratios likeness / peer (q/s: above 1 is faster; build: below 1 is faster)")
    for row, peer in peers:
        print(f"  {row['index']} vs {peer['index'].split(' ')[0]}: q/s 1-thread {row['queriesPerSecondSingle'] / peer['queriesPerSecondSingle']:.2f}, "
              f"q/s batched {row['queriesPerSecondBatched'] / peer['queriesPerSecondBatched']:.2f}, "
              f"build {row['buildSeconds'] / peer['buildSeconds']:.2f}, recall@10 {row['recallAt10']:.3f} vs {peer['recallAt10']:.3f}")


if __name__ == "__main__":
    main()
